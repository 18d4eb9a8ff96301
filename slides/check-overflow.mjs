// Fails when a slide's content runs under its footer or off the slide. A slide is cut at 1280x720 without a
// warning, so when there is too much on it, its last lines are hidden from the audience, under the footer or
// below the edge. No slide may hide content that way: move the detail into the speaker notes, or split the slide.
//
// Run it after `npm run build`: it opens every dist/NN-name.html in headless Chromium (CHROME_PATH, by default
// /usr/bin/chromium) and measures where the content of each slide ends, once Marp has scaled the code blocks.
//
// Chromium is driven over its DevTools pipe, one fresh browser per deck, rather than with --dump-dom: --dump-dom
// only waits in virtual time, in which the page may not render a single frame, and Marp scales a code block when
// a frame is rendered (a ResizeObserver): the same slide measured 720 px in one run and 793 px in the next.
// Decks opened one after the other in the tabs of one browser had the same problem now and then.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const chrome = process.env.CHROME_PATH || '/usr/bin/chromium'
const dist = join(dirname(fileURLToPath(import.meta.url)), 'dist')
const decks = existsSync(dist) ? readdirSync(dist).filter((name) => /^\d\d-.+\.html$/.test(name)).sort() : []
if (decks.length === 0) {
  console.error('No deck (dist/NN-name.html) found: run npm run build first')
  process.exit(1)
}

// Runs in the page. A slide's content is every child of its <section> but the header and the footer; it must
// end above the top of the footer (672 px in the default theme), not merely inside the slide: what goes lower
// is drawn under the footer. The page is measured frame after frame until two measurements agree, so that
// the code blocks have their final, scaled-down size. null: the deck is not loaded yet.
const measure = `(async () => {
  if (location.protocol !== 'file:' || document.readyState !== 'complete') return null
  await document.fonts.ready
  const slides = () => [...document.querySelectorAll('section[id]')].map((section) => {
    const content = [...section.children].filter((child) => !['HEADER', 'FOOTER'].includes(child.tagName))
    const footer = section.querySelector(':scope > footer')
    const heading = section.querySelector('h1, h2, h3')
    return {
      id: section.id,
      heading: heading ? heading.textContent.trim() : '',
      bottom: Math.max(0, ...content.map((child) => child.offsetTop + child.offsetHeight)),
      max: footer ? footer.offsetTop : section.clientHeight - parseFloat(getComputedStyle(section).paddingBottom),
    }
  })
  let last
  for (let frame = 0; frame < 100; frame++) {
    await new Promise(requestAnimationFrame)
    const now = JSON.stringify(slides())
    if (frame >= 2 && now === last) return now
    last = now
  }
  throw new Error('the slides kept changing size')
})()`

// Opens one deck in a fresh headless Chromium and returns its slides, as measured by `measure`.
async function measureDeck(deck) {
  const profile = mkdtempSync(join(tmpdir(), 'check-overflow-'))
  const browser = spawn(chrome, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--no-first-run', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
    '--window-size=1280,720', '--remote-debugging-pipe', pathToFileURL(join(dist, deck)).href],
  { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] })
  const exited = new Promise((resolve) => browser.on('close', resolve))
  try {
    // The DevTools protocol over the pipe: JSON messages, each ended by a NUL byte; fd 3 to Chromium, fd 4 back.
    let lastId = 0
    let received = ''
    const answers = new Map()
    browser.stdio[4].on('data', (chunk) => {
      const messages = (received += chunk).split('\0')
      received = messages.pop()
      for (const message of messages.map((text) => JSON.parse(text))) answers.get(message.id)?.(message)
    })
    const send = (method, params, sessionId) => new Promise((resolve, reject) => {
      answers.set(++lastId, (answer) => (answer.error
        ? reject(new Error(`${method}: ${answer.error.message}`))
        : resolve(answer.result)))
      browser.stdio[3].write(`${JSON.stringify({ id: lastId, method, params, sessionId })}\0`)
    })
    const failed = new Promise((resolve, reject) => {
      browser.on('error', (error) => reject(new Error(`cannot run ${chrome} (set CHROME_PATH): ${error.message}`)))
      exited.then((code) => reject(new Error(`${chrome} stopped (exit status ${code})`)))
      setTimeout(() => reject(new Error(`no answer from ${chrome} in 60 s`)), 60_000).unref()
    })
    failed.catch(() => {}) // once the deck is measured, the browser is stopped on purpose
    browser.stdio[3].on('error', () => {}) // a write after Chromium stopped: `failed` says why
    const run = async () => {
      const { targetInfos } = await send('Target.getTargets', {})
      const page = targetInfos.find((target) => target.type === 'page')
      const { sessionId } = await send('Target.attachToTarget', { targetId: page.targetId, flatten: true })
      for (let attempt = 0; attempt < 300; attempt++) {
        const evaluation = { expression: measure, awaitPromise: true, returnByValue: true }
        const evaluated = await send('Runtime.evaluate', evaluation, sessionId)
          .catch(() => ({ result: {} })) // the page navigated while it was being evaluated: try again
        const { exceptionDetails: exception } = evaluated
        if (exception) throw new Error(exception.exception?.description ?? exception.text)
        if (evaluated.result.value) return JSON.parse(evaluated.result.value)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error('the deck did not load')
    }
    const slides = await Promise.race([run(), failed])
    await send('Browser.close', {}).catch(() => {})
    return slides
  } finally {
    browser.kill()
    await exited
    // Chromium's helper processes may still write into the profile for a moment after it stopped.
    for (let attempt = 1; ; attempt++) {
      try {
        rmSync(profile, { recursive: true, force: true })
        break
      } catch (error) {
        if (attempt === 50) throw error
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  }
}

const overflows = []
let count = 0
for (const deck of decks) {
  const name = deck.replace(/\.html$/, '')
  let slides
  try {
    slides = await measureDeck(deck)
  } catch (error) {
    console.error(`${name}: ${error.message}`)
    process.exit(2)
  }
  count += slides.length
  for (const { id, heading, bottom, max } of slides) {
    if (bottom > max) overflows.push(`${name}: slide ${id} "${heading}" is ${bottom} px tall (max ${max})`)
  }
}

if (overflows.length > 0) {
  console.error(`${overflows.length} slide(s) too tall, their content runs under the footer:\n${overflows.join('\n')}`)
  process.exit(1)
}
console.log(`${count} slides in ${decks.length} decks, each ends above its footer`)

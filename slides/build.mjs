// Converts every deck of this folder (NN-name.md) to dist/NN-name.html with Marp CLI.
//
// Marp's own --input-dir would also convert README.md, and it refuses a file pattern next to it; converting
// several files at once rules out --output. So each deck is converted on its own, with an explicit output file.
// HTML output needs no browser.
import { readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { marpCli } from '@marp-team/marp-cli'

const here = dirname(fileURLToPath(import.meta.url))
process.chdir(here)

const decks = readdirSync(here).filter((name) => /^\d\d-.+\.md$/.test(name)).sort()
if (decks.length === 0) {
  console.error('No deck (NN-name.md) found in', here)
  process.exit(1)
}

for (const deck of decks) {
  const output = `dist/${deck.replace(/\.md$/, '.html')}`
  const status = await marpCli(['--no-stdin', deck, '--output', output])
  if (status !== 0) {
    console.error(`Marp failed on ${deck} (exit status ${status})`)
    process.exit(status)
  }
}

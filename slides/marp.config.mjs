// Marp CLI configuration, read by build.mjs (and by `npx marp` run from this folder).

/**
 * Keeps the checker's `<!-- snippet: path#tag -->` markers out of the speaker notes. Marp turns every HTML comment
 * that is not a directive into a presenter note; a marker is for the checker, not for the instructor.
 */
function hideSnippetMarkers(md) {
  const isMarker = (token) => token.type === 'marpit_comment' && /^snippet:\s*\S+#[\w.-]+$/.test(token.content)
  md.core.ruler.before('marpit_collect', 'hide_snippet_markers', (state) => {
    for (const token of state.tokens) {
      const tokens = token.type === 'inline' ? token.children ?? [] : [token]
      for (const t of tokens) {
        if (isMarker(t)) {
          t.meta = { ...t.meta, marpitCommentParsed: 'snippet-marker' }
        }
      }
    }
  })
}

export default {
  html: true,
  engine: ({ marp }) => marp.use(hideSnippetMarkers),
}

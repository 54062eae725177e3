import { segmentWords } from './segmenter.js'
import { synonymsOf } from './synonyms.js'

/**
 * The one Chinese tokenizer behind Q&A search on both databases. Words come from jieba with a banking
 * domain dictionary (segmenter.ts: 积存金, 银证转账 stay whole); character bigrams catch what it splits too finely (大|额|存|单 →
 * 大额 额存 存单) and words it does not know; synonyms bridge the customer's words and the library's.
 * Tokens are letters and digits only, so the space-joined string is safe for FTS5's unicode61
 * tokenizer and PostgreSQL's `simple` parser alike, and both see exactly the same tokens.
 */
// Function words, politeness and question words: every question has them, so they match every entry.
const STOPWORDS = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '哦',
  '嘛',
  '么',
  '我',
  '你',
  '您',
  '他',
  '她',
  '我们',
  '你们',
  '是',
  '在',
  '有',
  '和',
  '与',
  '或',
  '就',
  '都',
  '也',
  '还',
  '请问',
  '一下',
  '想',
  '我想',
  '想要',
  '要',
  '能',
  '可以',
  '会',
  '这个',
  '那个',
  '这',
  '那',
  '个',
  '点',
  '一点',
  '些',
  '现在',
  '目前',
  '最近',
  '得',
  '着',
  '过',
  '被',
  '把',
  '给',
  '让',
  '对',
  '从',
  '啦',
  '嗯',
  '好',
  '谢谢',
  '请',
  '帮',
  '帮我',
  '怎么',
  '如何',
  '怎样',
  '咋',
  '怎么样',
  '什么',
  '哪个',
  '哪些',
  '有没有',
  '要不要',
  '能不能',
  '可不可以',
  '是不是',
  '需要',
])
// A bigram holding one of these is almost always a fragment across a word boundary (么买, 的钱).
const BOUNDARY_CHARS = new Set([...'的了吗呢吧啊呀哦嘛么我你您是在和与就都也还'])
const HAN_RUN = /\p{Script=Han}+/gu
const NOT_WORD_CHAR = /[^\p{L}\p{N}]/gu

/** Full-width to half-width and lower case, so ＵＳＤ, Usd and usd are one token. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

/** Distinct base tokens of a text (segmenter words and Han bigrams), before synonyms. */
function baseTokens(text: string): Set<string> {
  const norm = normalizeText(text)
  const out = new Set<string>()
  for (const segment of segmentWords(norm)) {
    const word = segment.replace(NOT_WORD_CHAR, '')
    if (word && !STOPWORDS.has(word)) out.add(word)
  }
  for (const run of norm.match(HAN_RUN) ?? []) {
    const chars = [...run]
    for (let i = 0; i + 1 < chars.length; i++) {
      const bigram = chars[i]! + chars[i + 1]!
      if (BOUNDARY_CHARS.has(chars[i]!) || BOUNDARY_CHARS.has(chars[i + 1]!) || STOPWORDS.has(bigram)) continue
      out.add(bigram)
    }
  }
  return out
}

/** The other words of a word's synonym groups (the maintained list, plus the console's for one library). */
export type SynonymLookup = (word: string) => readonly string[]

/** The query's terms: each base token with its synonyms; a term matches when any of its words does. */
export function searchTerms(text: string, synonyms: SynonymLookup = synonymsOf): string[][] {
  return [...baseTokens(text)].map((t) => [t, ...synonyms(t).filter((s) => s !== t)])
}

/** Distinct search tokens of a text: segmenter words, Han bigrams, and their synonyms. */
export function searchTokens(text: string, synonyms: SynonymLookup = synonymsOf): string[] {
  return [...new Set(searchTerms(text, synonyms).flat())]
}

/** What gets stored and indexed: the tokens joined by spaces. */
export function indexText(...texts: string[]): string {
  return searchTokens(texts.join('\n')).join(' ')
}

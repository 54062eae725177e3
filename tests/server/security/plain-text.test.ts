import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ContentItemBody } from '../../../server/contracts/content.js'
import { PLAIN_TEXT_EMPTY, toPlainText, withPlainText } from '../../../server/lib/plain-text.js'

// Markup a reader (browser, WeCom card, spreadsheet preview) could act on: `<` then a letter, `/`, `!` or `?`.
const MARKUP = /<[A-Za-z/!?]/

// Fragments of real and hostile HTML, shuffled into text by the property below.
const fragment = fc.constantFrom(
  '<',
  '>',
  '</',
  '<!--',
  '-->',
  '<!',
  '<?',
  '"',
  "'",
  '=',
  ' ',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u007F',
  '\u0085',
  '\u202E',
  '\u2066',
  '<b>',
  '</b>',
  '<p>',
  '</p>',
  '<br/>',
  '<img src=x onerror=alert(1)>',
  '<script>',
  '</script>',
  '<style>',
  '</style >',
  '<svg/onload=alert(1)>',
  '<a href="javascript:alert(1)">',
  'alt="a>b"',
  '<!DOCTYPE html>',
  '<?xml version="1.0"?>',
  '<o:p>',
  '&lt;',
  '&#60;',
  'script',
  'img',
  'a',
  'B',
  '5%',
  '年化',
)
const messy = fc.oneof(
  fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
)

describe('toPlainText (what authored text is stored as)', () => {
  it.each([
    ['<img src=x onerror=alert(1)>你好', '你好'],
    ['开头<script>alert(document.cookie)</script>结尾', '开头结尾'],
    ['<style>body { display: none }</style>正文', '正文'],
    ['正文<!-- 备注 -->继续', '正文继续'],
    ['<a href="javascript:alert(1)" onclick="x()">链接文字</a>', '链接文字'],
    ['<img alt="a>b" onerror=alert(1)>余下', '余下'],
    ['<p>第一段</p><p>第二段</p>', '第一段\n第二段\n'],
    ['第一行<br>第二行', '第一行\n第二行'],
    ['<SCRIPT type="text/javascript">x()</SCRIPT >后文', '后文'],
    ['<script>未闭合的脚本', ''],
  ])('when given HTML (%s), then the tags go entirely and the text stays', (input, expected) => {
    expect(toPlainText(input)).toBe(expected)
  })

  it('when text only looks a little like markup, then it is kept: comparisons, entities, quotes', () => {
    expect(toPlainText('年化收益 <5%，风险等级 R3 < R4，A>B')).toBe('年化收益 <5%，风险等级 R3 < R4，A>B')
    expect(toPlainText('&lt;b&gt; 和 &#60;script&#62; 原样保留')).toBe('&lt;b&gt; 和 &#60;script&#62; 原样保留')
    expect(toPlainText('客户说"可以"，它\'s fine')).toBe('客户说"可以"，它\'s fine')
  })

  it('when a `<` would still start markup (unclosed, or joined up by the stripping), then it becomes a full-width ＜', () => {
    expect(toPlainText('A<B股')).toBe('A＜B股')
    expect(toPlainText('<a href')).toBe('＜a href')
    expect(toPlainText('<<b>img src=x>')).toBe('＜img src=x>')
    expect(toPlainText('</3 <!x <?y')).toBe('＜/3 ＜!x ＜?y')
  })

  it('when text has CR LF, control characters or bidi overrides, then lines are \\n and the controls are gone; tabs stay', () => {
    expect(toPlainText('一\r\n二\r三\t四\u0007\u0000\u007F\u0085五\u202E六\u2066七')).toBe('一\n二\n三\t四五六七')
  })

  // Not a speed budget (those are in `npm run bench`): a guard against quadratic scanning that machine load cannot
  // trip. No `>` closes any of these 70,000 `<`: sanitised in ~0.1 s here, while a pass that scans ahead from each
  // `<` for its end took 26 s (measured with such a `tagEnds`).
  it('when a hostile string opens 70,000 tags and quotes that never close (400,000 characters), then it is sanitised in under 3 s (linear, not quadratic)', () => {
    const hostile = '<a x="'.repeat(30_000) + "<b y='".repeat(30_000) + '<!--'.repeat(10_000)
    const start = performance.now()
    expect(toPlainText(hostile)).not.toMatch(MARKUP)
    expect(performance.now() - start).toBeLessThan(3_000)
  })

  it('for any text, the result never contains markup and sanitising again changes nothing', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const once = toPlainText(text)
        expect(once).not.toMatch(MARKUP)
        // eslint-disable-next-line no-control-regex -- asserts no control character survives
        expect(once).not.toMatch(/[\r\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/)
        expect(toPlainText(once)).toBe(once)
      }),
      { numRuns: 2_000 },
    )
  })
})

describe("withPlainText (the routes' input schemas)", () => {
  const Body = withPlainText(ContentItemBody, ['title', 'body', 'disclaimer', 'tags'])

  it("when parsing, then the named fields are plain text before the contract's own checks run", () => {
    const parsed = Body.parse({
      kind: 'text',
      topic: 'deposit',
      title: '<b>到期</b>提醒',
      body: '<p>您好，定期即将到期</p>',
      disclaimer: '<i>存款</i>',
      tags: ['<u>定期</u>'],
    })
    expect(parsed).toMatchObject({ title: '到期提醒', body: '您好，定期即将到期', disclaimer: '存款', tags: ['定期'] })
    // The contract's kind rule (正文至少 5 个字) judges the stripped body.
    expect(
      Body.safeParse({ kind: 'text', topic: 'deposit', title: '标题', body: '<b>短</b>' }).error?.issues[0]?.message,
    ).toBe('正文至少 5 个字')
  })

  it('when a field had text and nothing is left of it, then it fails with a message that says why', () => {
    const result = Body.safeParse({
      kind: 'article',
      topic: 'fund',
      title: '<img src=x onerror=alert(1)>',
      body: '正文内容足够长',
    })
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['title'], message: PLAIN_TEXT_EMPTY })])
    expect(
      Body.safeParse({ kind: 'article', topic: 'fund', title: '   ', body: '正文内容足够长' }).error?.issues[0]
        ?.message,
    ).toBe('标题至少 2 个字')
  })

  it("when documented, then the schema is the contract's: same JSON Schema, same keys for the fuzzer", () => {
    expect(z.toJSONSchema(Body, { io: 'input', unrepresentable: 'any' })).toEqual(
      z.toJSONSchema(ContentItemBody, { io: 'input', unrepresentable: 'any' }),
    )
    expect(Object.keys(Body.shape)).toEqual(Object.keys(ContentItemBody.shape))
  })
})

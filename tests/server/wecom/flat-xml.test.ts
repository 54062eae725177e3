import fc from 'fast-check'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { parseInnerMessage, parseOuterEncrypt } from '../../../server/features/wecom/callback-xml.js'
import { parseFlatXml } from '../../../server/features/wecom/flat-xml.js'

// The full parser with the settings callback-xml.ts uses: the flat read must agree with it wherever it answers.
const full = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  htmlEntities: false,
  ignoreDeclaration: true,
})

const BILLION_LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Encrypt>&lol3;</Encrypt><ToUserName>&lol3;</ToUserName><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>`
const XXE = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt><ToUserName>&xxe;</ToUserName><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>`

describe('parseFlatXml (WeCom envelope and message read without an XML parser)', () => {
  it('when given flat elements with CDATA or text values, then it returns exactly what the full parser returns', () => {
    const name = fc.constantFrom('ToUserName', 'AgentID', 'Encrypt', 'MsgType', 'Event', 'CreateTime', 'State', 'X_1')
    const cdata = fc.string({ unit: 'grapheme' }).filter((v) => !v.includes(']]>'))
    const text = fc.string({ unit: 'grapheme' }).filter((v) => !/[<>&]/.test(v))
    const space = fc.constantFrom('', ' ', '\n  ', '\r\n\t')
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, fc.boolean(), cdata, text, space), { selector: (t) => t[0], maxLength: 6 }),
        space,
        (fields, tail) => {
          const body = fields
            .map(([n, isCdata, c, t, s]) => `${s}<${n}>${isCdata ? `<![CDATA[${c}]]>` : t}</${n}>`)
            .join('')
          const xml = `<xml>${body}${tail}</xml>${tail}`
          const flat = parseFlatXml(xml)
          expect(flat).toBeDefined()
          const reference = (full.parse(xml) as { xml: Record<string, string> | '' }).xml
          expect(flat).toEqual(reference === '' ? {} : reference)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('when the input has a DTD, entities, attributes, nesting, repeats, comments or trailing bytes, then it declines (undefined)', () => {
    for (const xml of [
      BILLION_LAUGHS,
      XXE,
      '<!DOCTYPE xml><xml><A>1</A></xml>',
      '<?xml version="1.0"?><xml><A>1</A></xml>',
      '<xml><A>a&amp;b</A></xml>',
      '<xml><A>&#60;</A></xml>',
      '<xml><A x="1">1</A></xml>',
      '<xml a="1"><A>1</A></xml>',
      '<xml><A><B>1</B></A></xml>',
      '<xml><A>1</A><A>2</A></xml>',
      '<xml><!-- c --><A>1</A></xml>',
      '<xml><A/></xml>',
      '<xml><A><![CDATA[unterminated</A></xml>',
      '<xml><A><![CDATA[x]]>tail</A></xml>',
      '<xml><A>1</B></xml>',
      '<xml><A>1</A>',
      '<xml><A>1</A></xml><xml></xml>',
      '<xml><A>1</A></xml>junk',
      '<xml><__proto__>1</__proto__></xml>',
      '<xml><A>a>b</A></xml>',
      '<XML><A>1</A></XML>',
      '',
      'Encrypt=abc',
    ])
      expect(parseFlatXml(xml), xml).toBeUndefined()
  })

  it('when an element is named like an Object property, then it is an own field and the prototype is untouched', () => {
    const fields = parseFlatXml('<xml><constructor>x</constructor><toString><![CDATA[y]]></toString></xml>')
    expect(fields).toEqual({ constructor: 'x', toString: 'y' })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('callback parsing with the flat read in front of the full parser', () => {
  it('when a forged body carries a DTD (billion laughs, XXE), then neither the envelope nor the message is read', () => {
    expect(parseOuterEncrypt(BILLION_LAUGHS)).toBeUndefined()
    expect(parseOuterEncrypt(XXE)).toBeUndefined()
    expect(parseInnerMessage(BILLION_LAUGHS)).toBeUndefined()
    expect(parseInnerMessage(XXE)).toBeUndefined()
  })

  it('when the envelope holds an empty Encrypt, then it is refused; when the message is not flat, the full parser still reads it', () => {
    expect(
      parseOuterEncrypt('<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><Encrypt></Encrypt></xml>'),
    ).toBeUndefined()
    const nested = parseInnerMessage(
      '<xml><ToUserName>ww</ToUserName><FromUserName>sys</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>batch_job_result</Event><BatchJob><JobId>j1</JobId></BatchJob></xml>',
    )
    expect(nested).toMatchObject({ Event: 'batch_job_result', BatchJob: { JobId: 'j1' } })
  })
})

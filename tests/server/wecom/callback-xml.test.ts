import { describe, expect, it } from 'vitest'
import { parseInnerMessage, parseOuterEncrypt } from '../../../server/features/wecom/callback-xml.js'

const B64 = 'kN0mCZ2L3a+Qx/9yS1u7V8w=='

describe('callback envelope', () => {
  it("finds <Encrypt> in WeCom's envelope, on one line or pretty-printed, in any field order", () => {
    expect(
      parseOuterEncrypt(
        `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><Encrypt><![CDATA[${B64}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
      ),
    ).toBe(B64)
    expect(
      parseOuterEncrypt(
        `<xml>\n  <Encrypt><![CDATA[${B64}]]></Encrypt>\n  <ToUserName><![CDATA[wwcorp]]></ToUserName>\n</xml>\n`,
      ),
    ).toBe(B64)
    // Without CDATA: not the usual shape, still valid XML.
    expect(parseOuterEncrypt(`<xml><ToUserName>wwcorp</ToUserName><Encrypt>${B64}</Encrypt></xml>`)).toBe(B64)
  })

  it('refuses bodies that are not one envelope with one Encrypt', () => {
    for (const body of [
      '',
      'Encrypt=abc',
      `<xml><Encrypt><![CDATA[${B64}]]></Encrypt><Encrypt><![CDATA[${B64}]]></Encrypt></xml>`,
      `<xml><Encrypt><![CDATA[${B64}]]></Encrypt>`,
      `<!DOCTYPE x [<!ENTITY e "x">]><xml><Encrypt>&e;</Encrypt></xml>`,
      `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName></xml>`,
      `<xml><Encrypt><![CDATA[not base64!]]></Encrypt></xml><xml></xml>`,
    ])
      expect(parseOuterEncrypt(body), body).toBeUndefined()
  })

  it("reads the decrypted message's fields as strings (CreateTime and MsgId never pass through a double)", () => {
    const m = parseInnerMessage(
      '<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1732350000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[wmABC]]></ExternalUserID><MsgId>12345678901234567890</MsgId></xml>',
    )
    expect(m).toMatchObject({
      CreateTime: '1732350000',
      MsgId: '12345678901234567890',
      ChangeType: 'add_external_contact',
      ExternalUserID: 'wmABC',
    })
    expect(parseInnerMessage('<xml><MsgType>event</MsgType></xml>')).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { jsapiSignature, signableUrl } from '../../../server/features/wecom/js-signature.js'

const ticket = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg'
const base = { ticket, nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457 }

describe('jsapiSignature (facts §7.1)', () => {
  it('when signing the official example, then the signature matches', () => {
    expect(jsapiSignature({ ...base, url: 'http://mp.weixin.qq.com?params=value' })).toBe(
      '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
    )
  })

  it('when the URL has a fragment, then it is cut at the first #', () => {
    expect(jsapiSignature({ ...base, timestamp: '1414587457', url: 'http://mp.weixin.qq.com?params=value#/a#b' })).toBe(
      '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
    )
    expect(signableUrl('https://x.cn/p?q=1#h')).toBe('https://x.cn/p?q=1')
  })

  it('when the query is dropped (Official Account variant), then the signature differs', () => {
    const sig = jsapiSignature({ ...base, url: 'http://mp.weixin.qq.com' })
    expect(sig).toBe('f4d90daf4b3bca3078ab155816175ba34c443a7b')
    expect(sig).not.toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed')
  })
})

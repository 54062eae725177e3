import { describe, expect, it } from 'vitest'
import { guessTopic } from '@/features/replies/topic-guess'

describe('问中台 topic from the question', () => {
  it('when a deposit holder asks about 留学购汇, then the topic is FX, not deposits', () => {
    expect(guessTopic('孩子明年出国留学，购汇需要准备存款证明吗？')).toBe('fx')
  })
  it('when the question names a topic, then that topic is picked', () => {
    expect(guessTopic('基金定投亏了要不要停')).toBe('fund')
    expect(guessTopic('积存金怎么买')).toBe('gold')
    expect(guessTopic('大额存单利率多少')).toBe('deposit')
  })
  it('when the question names no topic, then there is no guess', () => {
    expect(guessTopic('你们几点下班')).toBeNull()
  })
})

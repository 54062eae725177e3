import { randomInt } from 'node:crypto'
import type { PublicVerification } from '../../contracts/verification.js'
import type { AppContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { provinceOfIp } from '../../lib/ip-province.js'
import { piiOf } from '../../lib/pii.js'
import { hitRateLimit } from '../../lib/rate-limit.js'
import { equalHex, hmacHex, sha256Hex } from '../../lib/secrets.js'
import { appendEvent } from '../events/index.js'
import { completeVerification, matchCustomer } from './binding.js'
import {
  countSmsBelow,
  countWrongCode,
  findByTokenHash,
  findManager,
  replaceSmsPhones,
  smsUsage,
  updateVerification,
  type VerificationRow,
} from './verification.repository.js'
import type { SmsSender } from './sms-sender.js'

const CODE_TTL_MS = 5 * 60_000
const RESEND_MS = 60_000
const MAX_WRONG_CODES = 5
const MAX_IDENTITY_ATTEMPTS = 3

// What the customer sees when the details don't check out: the same words whatever the reason,
// so the page never tells a stranger who is or isn't a customer of the bank.
const GENERIC_FAILURE = '信息核验未通过。请确认姓名和手机号与您在本行预留的一致，或联系您的客户经理。'

const linkGone = () => new AppError('LINK_INVALID', 410, '该认证链接已失效，请联系您的客户经理重新发送')

/** Loads the verification behind a link token; an expired one is marked expired on the way. */
async function loadByToken(ctx: AppContext, token: string): Promise<VerificationRow> {
  const row = await findByTokenHash(ctx.db.kysely, sha256Hex(token))
  if (!row) throw linkGone()
  const now = ctx.now()
  if (row.status !== 'verified' && row.status !== 'expired' && new Date(row.expires_at) <= now) {
    await updateVerification(ctx.db.kysely, row.id, { status: 'expired' })
    return { ...row, status: 'expired' }
  }
  return row
}

function publicState(row: VerificationRow): PublicVerification['state'] {
  if (row.status === 'verified') return 'verified'
  if (row.status === 'expired') return 'expired'
  if (row.code_attempts >= MAX_WRONG_CODES || row.identity_attempts >= MAX_IDENTITY_ATTEMPTS) return 'locked'
  return 'open'
}

async function managerOf(ctx: AppContext, staffUserid: string) {
  const m = await findManager(ctx.db.kysely, staffUserid)
  return m ?? { name: '您的客户经理', branchName: '', province: '' }
}

/** The customer opened the link: first open is recorded with the client's IP province. */
export async function openVerification(
  ctx: AppContext,
  token: string,
  ip: string | undefined,
): Promise<PublicVerification> {
  const row = await loadByToken(ctx, token)
  const now = ctx.now()
  if (row.status === 'sent') {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await updateVerification(trx, row.id, {
        status: 'opened',
        opened_at: now.toISOString(),
        client_ip: ip ?? null,
        ip_province: provinceOfIp(ip),
      })
      await appendEvent(trx, {
        type: 'verify_opened',
        staffUserid: row.staff_userid,
        externalUserid: row.external_userid,
        refId: row.id,
        occurredAt: now,
        source: 'public',
        dedupeKey: `verify_opened:${row.id}`,
      })
    })
  }
  const manager = await managerOf(ctx, row.staff_userid)
  const resendAt = row.code_sent_at ? new Date(row.code_sent_at).getTime() + RESEND_MS : 0
  return {
    state: publicState(row),
    managerName: manager.name,
    branchName: manager.branchName,
    expiresAt: row.expires_at,
    resendInSec: Math.max(0, Math.ceil((resendAt - now.getTime()) / 1000)),
    codeActive: row.code_hash !== null && row.code_expires_at !== null && new Date(row.code_expires_at) > now,
  }
}

function requireOpen(row: VerificationRow): void {
  const state = publicState(row)
  if (state === 'verified') throw new AppError('ALREADY_VERIFIED', 409, '您已完成实名认证，无需重复操作')
  if (state === 'expired') throw linkGone()
  if (state === 'locked') throw new AppError('LOCKED', 423, '尝试次数过多，该链接已锁定，请联系您的客户经理重新发送')
}

/** Sends a 6-digit code to the phone given; the CRM match is made now but revealed only after the code. */
export async function requestSmsCode(
  ctx: AppContext,
  sms: SmsSender,
  token: string,
  input: { name: string; phone: string },
  ip: string | undefined,
): Promise<{ resendInSec: number }> {
  const row = await loadByToken(ctx, token)
  requireOpen(row)
  const now = ctx.now()
  if (row.code_sent_at && now.getTime() - new Date(row.code_sent_at).getTime() < RESEND_MS) {
    throw new AppError('SMS_TOO_SOON', 429, '验证码已发送，请 60 秒后再重新获取')
  }
  const phoneKey = hmacHex(ctx.config.sessionSecret, input.phone)
  await claimLinkSms(ctx, row.id, phoneKey)
  for (const [limit, windowMs] of [
    [1, 60_000],
    [5, 3600_000],
  ] as const) {
    const r = await hitRateLimit(ctx.db.kysely, `sms-phone:${windowMs}:${phoneKey}`, limit, windowMs, now)
    if (!r.allowed)
      throw new AppError('SMS_RATE_LIMITED', 429, `该手机号获取验证码过于频繁，请 ${r.retryAfterSec} 秒后再试`)
  }
  const match = await matchCustomer(ctx.db.kysely, piiOf(ctx.config), input.name, input.phone)
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  await sms.send(input.phone, `【企微顾问台】您的实名认证验证码为 ${code}，5 分钟内有效。如非本人操作请忽略。`, now)
  await updateVerification(ctx.db.kysely, row.id, {
    code_hash: hmacHex(ctx.config.sessionSecret, `${row.id}:${code}`),
    code_expires_at: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    code_sent_at: now.toISOString(),
    candidate_cif_no: match.cifNo,
    candidate_problem: match.problem,
    client_ip: row.client_ip ?? ip ?? null,
    ip_province: row.ip_province ?? provinceOfIp(ip),
  })
  return { resendInSec: RESEND_MS / 1000 }
}

const MAX_LINK_PHONES = 2
const MAX_LINK_CODES = 5

/**
 * Counts a code against the link before anything about the phone is looked up, so the answer is the
 * same whether or not the phone is a customer's: at most 2 distinct phones and 5 codes per link.
 * Conditional updates keep two instances from both taking the last slot.
 */
async function claimLinkSms(ctx: AppContext, id: string, phoneKey: string): Promise<void> {
  const db = ctx.db.kysely
  const current = await smsUsage(db, id)
  const phones = current.sms_phones ? current.sms_phones.split(',') : []
  const tooMany = () =>
    new AppError('LINK_SMS_LIMIT', 429, '此认证链接获取验证码次数已达上限，请联系客户经理重新发送认证链接')
  if (!phones.includes(phoneKey)) {
    if (phones.length >= MAX_LINK_PHONES)
      throw new AppError(
        'LINK_PHONE_LIMIT',
        429,
        '此认证链接最多可向 2 个手机号发送验证码，请联系客户经理重新发送认证链接',
      )
    if (!(await replaceSmsPhones(db, id, current.sms_phones, [...phones, phoneKey].join(',')))) throw tooMany()
  }
  if (!(await countSmsBelow(db, id, MAX_LINK_CODES))) throw tooMany()
}

/** Checks the code; on success binds the contact to the customer in one transaction. */
export async function confirmCode(
  ctx: AppContext,
  token: string,
  code: string,
): Promise<{ status: 'verified'; managerName: string }> {
  const row = await loadByToken(ctx, token)
  requireOpen(row)
  const now = ctx.now()
  if (!row.code_hash || !row.code_expires_at) throw new AppError('CODE_NOT_REQUESTED', 400, '请先获取短信验证码')
  if (new Date(row.code_expires_at) <= now) throw new AppError('CODE_EXPIRED', 400, '验证码已过期，请重新获取')
  if (!equalHex(row.code_hash, hmacHex(ctx.config.sessionSecret, `${row.id}:${code}`))) {
    const attempts = await countWrongCode(ctx.db.kysely, row.id)
    const locked = attempts >= MAX_WRONG_CODES
    if (locked)
      await updateVerification(ctx.db.kysely, row.id, {
        status: 'failed',
        failure_reason: 'too_many_wrong_codes',
        failed_at: now.toISOString(),
      })
    if (locked) throw new AppError('LOCKED', 423, '验证码错误次数过多，该链接已锁定，请联系您的客户经理重新发送')
    throw new AppError('WRONG_CODE', 400, `验证码不正确，还可尝试 ${MAX_WRONG_CODES - attempts} 次`)
  }
  if (!row.candidate_cif_no) {
    const attempts = row.identity_attempts + 1
    await updateVerification(ctx.db.kysely, row.id, {
      status: 'failed',
      failure_reason:
        attempts >= MAX_IDENTITY_ATTEMPTS ? 'too_many_identity_attempts' : (row.candidate_problem ?? 'no_match'),
      failed_at: now.toISOString(),
      identity_attempts: attempts,
      code_hash: null,
    })
    throw new AppError('VERIFICATION_FAILED', 422, GENERIC_FAILURE)
  }
  await completeVerification(ctx.db.kysely, row, row.candidate_cif_no, now)
  return { status: 'verified', managerName: (await managerOf(ctx, row.staff_userid)).name }
}

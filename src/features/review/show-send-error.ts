import type { ComplianceFindingDto } from '@contracts/review'
import { showToast } from 'vant'
import type { Ref } from 'vue'
import { WecomError } from '@/features/wecom'
import { ApiError } from '@/shared/http'
import { showApiError } from '@/shared/show-error'

/** A failed send from the sidebar: compliance findings inline, WeCom's reason, or the API's message. */
export function showSendError(err: unknown, findings: Ref<ComplianceFindingDto[]>): void {
  if (err instanceof ApiError && err.code === 'COMPLIANCE_BLOCKED') {
    findings.value = (err.details?.findings as ComplianceFindingDto[] | undefined) ?? []
    showToast('修改后的内容未通过合规检查')
  } else if (err instanceof WecomError) showToast(err.message)
  else showApiError(err)
}

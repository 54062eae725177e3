import { AppError } from './errors.js'
import { UPLOAD_LIMITS } from './upload-limits.js'

let active = 0

/**
 * Runs an upload's parse in one of this instance's few import slots, or refuses at once: parsing is
 * the costly part of an upload, so a burst of them must queue at the client, not in this heap.
 */
export async function withImportSlot<T>(work: () => Promise<T>): Promise<T> {
  if (active >= UPLOAD_LIMITS.maxConcurrentImports)
    throw new AppError(
      'IMPORT_BUSY',
      429,
      `同时进行的导入已达上限（每个实例 ${UPLOAD_LIMITS.maxConcurrentImports} 个），请稍后重试`,
    )
  active++
  try {
    return await work()
  } finally {
    active--
  }
}

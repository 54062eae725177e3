import type { RequestHandler } from 'express'
import { AppError } from './errors.js'

/**
 * `/api/items/` or `/api/items//x` must not fall through to a neighbouring route (an empty `:id` would
 * otherwise answer as the list): API paths have no empty segments and no trailing slash.
 */
export const canonicalApiPath: RequestHandler = (req, _res, next) => {
  if (req.path.length > 1 && (req.path.endsWith('/') || req.path.includes('//'))) {
    throw new AppError('NOT_FOUND', 404, '接口不存在：路径不规范')
  }
  next()
}

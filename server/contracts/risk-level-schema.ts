import { z } from 'zod'
import { RISK_LEVELS } from './risk-levels.js'

/** The one stored risk scale, R1–R5 (see risk-levels.ts for how customers and products read it). */
export const RiskLevelSchema = z.enum(RISK_LEVELS)

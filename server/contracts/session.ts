import { z } from 'zod'

export const StaffRoleSchema = z.enum(['front', 'middle', 'supervisor', 'admin'])

/** The signed-in staff member as the browser sees it. */
export const MeSchema = z.object({
  id: z.string(),
  userid: z.string(),
  name: z.string(),
  role: StaffRoleSchema,
  branchId: z.string(),
  branchName: z.string(),
  /** Holds the 合规审核 capability (may approve or reject library items); sent by /session/me. */
  reviewer: z.boolean().optional(),
})
export type Me = z.infer<typeof MeSchema>

export const DemoLoginBody = z.object({ userid: z.string().min(1).max(64) })

export const DemoStaffSchema = z.object({
  userid: z.string(),
  name: z.string(),
  title: z.string(),
  role: StaffRoleSchema,
  branchId: z.string(),
  branchName: z.string(),
})
export type DemoStaff = z.infer<typeof DemoStaffSchema>

import type { SimFollow, SimPerson } from './sim-world.repository.js'

interface StoredTag {
  group_name: string
  tag_name: string
  type: number
  tag_id?: string
}

function tagsOf(follow: SimFollow): StoredTag[] {
  try {
    const parsed: unknown = JSON.parse(follow.tags)
    return Array.isArray(parsed) ? (parsed as StoredTag[]) : []
  } catch {
    return []
  }
}

/** `external_contact` as externalcontact/get returns it: corp fields only for WeCom users (type 2). */
export function externalContactShape(p: SimPerson): Record<string, unknown> {
  return {
    external_userid: p.external_userid,
    name: p.name,
    avatar: p.avatar,
    type: p.type,
    gender: p.gender,
    ...(p.type === 1 && p.unionid ? { unionid: p.unionid } : {}),
    ...(p.type === 2
      ? {
          position: '',
          corp_name: p.corp_name ?? '',
          corp_full_name: p.corp_name ?? '',
          external_profile: { external_attr: [] },
        }
      : {}),
  }
}

const followCommon = (f: SimFollow) => ({
  userid: f.userid,
  remark: f.remark,
  description: f.description,
  createtime: Number(f.createtime),
})

const followTail = (f: SimFollow) => ({
  remark_corp_name: '',
  remark_mobiles: [] as string[],
  add_way: f.add_way,
  oper_userid: f.oper_userid,
  ...(f.state ? { state: f.state } : {}),
})

/** One `follow_user[]` entry of externalcontact/get: full tag objects (tag_id absent for personal tags). */
export function followUserShape(f: SimFollow): Record<string, unknown> {
  return { ...followCommon(f), tags: tagsOf(f), ...followTail(f) }
}

/** `follow_info` of batch/get_by_user: tag ids only. */
export function followInfoShape(f: SimFollow): Record<string, unknown> {
  const tagIds = tagsOf(f).flatMap((t) => (t.tag_id ? [t.tag_id] : []))
  return { ...followCommon(f), tag_id: tagIds, ...followTail(f) }
}

import { createRequire } from 'node:module'

interface Ip2Region {
  search(ip: string): { province: string } | null
}

// ip2region ships its offline database inside the npm package: no lookup ever leaves the machine.
let searcher: Ip2Region | undefined
function load(): Ip2Region {
  if (!searcher) {
    const mod = createRequire(import.meta.url)('ip2region') as { default: new () => Ip2Region }
    searcher = new mod.default()
  }
  return searcher
}

/** Province of a mainland IP without its suffix (广东省 → 广东, 北京市 → 北京), or null when unknown/private. */
export function provinceOfIp(ip: string | undefined | null): string | null {
  if (!ip) return null
  const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip
  try {
    const province = load().search(plain)?.province ?? ''
    return normalizeProvince(province) || null
  } catch {
    return null
  }
}

/** One spelling for province names from the IP database and from the CRM. */
export function normalizeProvince(name: string): string {
  return name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '')
}

import type { ContentItem, ContentItemInput } from '@contracts/content'

/** The editor's working copy; `image` holds a data URL only when a new picture was chosen. */
export type ContentForm = Required<Pick<ContentItemInput, 'kind' | 'title' | 'body' | 'topic'>> & {
  link: string
  segments: string[]
  minRiskLevel: string
  disclaimer: string
  tags: string
  chartSymbol: string
  chartWindowDays: number
  image: string
}

export function formOf(item: ContentItem | null): ContentForm {
  return {
    kind: item?.kind ?? 'article',
    title: item?.title ?? '',
    body: item?.body ?? '',
    topic: item?.topic ?? 'general',
    link: item?.link ?? '',
    segments: item?.segments ?? [],
    minRiskLevel: item?.minRiskLevel ?? '',
    disclaimer: item?.disclaimer ?? '',
    tags: (item?.tags ?? []).join('，'),
    chartSymbol: item?.chartSymbol ?? 'SH000001',
    chartWindowDays: item?.chartWindowDays ?? 90,
    image: '',
  }
}

/** Form → API body; kind-specific fields are left out where they do not apply. */
export function inputOf(f: ContentForm): ContentItemInput {
  return {
    kind: f.kind,
    title: f.title,
    body: f.body,
    topic: f.topic,
    link: f.link.trim() || null,
    segments: f.segments as ContentItemInput['segments'],
    minRiskLevel: (f.minRiskLevel || null) as ContentItemInput['minRiskLevel'],
    disclaimer: f.disclaimer.trim() || null,
    tags: f.tags.split(/[,，\s]+/).filter(Boolean),
    ...(f.kind === 'chart'
      ? { chartSymbol: f.chartSymbol as ContentItemInput['chartSymbol'], chartWindowDays: f.chartWindowDays }
      : {}),
    ...(f.kind === 'image' && f.image ? { image: f.image } : {}),
  }
}

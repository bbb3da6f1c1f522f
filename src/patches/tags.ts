/** Variables of an image tag template (components.yaml `image.tag`). */
export const TAG_VARIABLES = ['{commit}', '{series}', '{component}']

export interface TagValues {
  /** Pinned upstream commit (40 hex digits); the tag gets its first 12. */
  commit: string
  /** Hash of the applied series; the tag gets its first 12. */
  series: string
  component: string
}

/** `'{commit}-{series}'` → `a272a11d4f78-3f9c2a1b7e4d` */
export function renderTag(template: string, values: TagValues): string {
  return template
    .replaceAll('{commit}', values.commit.slice(0, 12))
    .replaceAll('{series}', values.series.slice(0, 12))
    .replaceAll('{component}', values.component)
}

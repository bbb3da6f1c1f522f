import { crds } from '../src/kube/generated/crds.js'
for (const name of process.argv.slice(2)) {
  const c: any = crds[name]; const v = c.spec.versions.find((v: any) => v.storage)
  const s = v.schema.openAPIV3Schema.properties.spec
  console.log('==', name, v.name, 'required:', JSON.stringify(s.required))
  for (const [k, p] of Object.entries<any>(s.properties)) console.log(' ', k, p.type, p.enum ? JSON.stringify(p.enum) : '', p.required ? 'req=' + JSON.stringify(p.required) : '', p.properties ? Object.keys(p.properties).join(',') : '', p.format ?? '', p.pattern ?? '', p['x-kubernetes-validations'] ? JSON.stringify(p['x-kubernetes-validations']) : '', p.items?.type ?? '', p.items?.required ?? '')
}

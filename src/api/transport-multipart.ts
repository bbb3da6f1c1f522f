import { randomBytes } from 'node:crypto'

export interface MultipartBody {
  body: Buffer
  contentType: string
}

/**
 * One file part of a `multipart/form-data` body, as Go's `mime/multipart` CreateFormFile writes it (the log
 * uploads' `upfile` field).
 */
export function multipartFile(field: string, filename: string, content: Buffer): MultipartBody {
  const boundary = randomBytes(30).toString('hex')
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return {
    body: Buffer.concat([head, content, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`
  }
}

/** Joins class names, skipping empty ones. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ')
}

/** A string safe inside a class name or id (e2e hooks such as `bg-login-<openid>`). */
export function hookSafe(value: string): string {
  return value.replace(/[^\w-]/g, '-')
}

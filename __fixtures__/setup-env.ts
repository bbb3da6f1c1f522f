// Tests must never reach the network beyond loopback, and must not inherit a runner's Actions environment.
for (const key of Object.keys(process.env)) {
  if (
    key.startsWith('INPUT_') ||
    key === 'GITHUB_STEP_SUMMARY' ||
    key === 'GITHUB_OUTPUT' ||
    key === 'GITHUB_STATE'
  ) {
    delete process.env[key]
  }
}
process.env.NO_COLOR = '1'

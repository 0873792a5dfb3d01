// Container healthcheck (docker-compose.yml): `node dist/common/healthcheck.js <url>` exits 0 when
// <url> answers 2xx within 2 s, 1 otherwise. The image has no curl or wget: Node is all it needs.
const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node dist/common/healthcheck.js <url>\n');
  process.exit(2);
}
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) }); // 2 s
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}

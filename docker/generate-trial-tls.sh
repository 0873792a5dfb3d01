#!/usr/bin/env sh
# A certificate authority and a certificate for a trial of docker-compose.yml, for the names in
# .env (PUBLIC_HOSTNAME, PROVIDER_HOSTNAME): docker/tls/{ca.pem,cert.pem,key.pem}. A deployment
# uses certificates from its own authority instead. Needs openssl.
#   docker/generate-trial-tls.sh compte.test franceconnect.test [output folder]
set -eu
public="${1:?usage: generate-trial-tls.sh PUBLIC_HOSTNAME PROVIDER_HOSTNAME [folder]}"
provider="${2:?usage: generate-trial-tls.sh PUBLIC_HOSTNAME PROVIDER_HOSTNAME [folder]}"
out="${3:-$(dirname "$0")/tls}"
mkdir -p "$out"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
  -subj "/CN=Compte des comptes trial CA" -keyout "$out/ca-key.pem" -out "$out/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/CN=$public" -keyout "$out/key.pem" -out "$out/cert.csr" 2>/dev/null
printf 'subjectAltName=DNS:%s,DNS:%s\nextendedKeyUsage=serverAuth\n' "$public" "$provider" > "$out/cert.ext"
openssl x509 -req -in "$out/cert.csr" -CA "$out/ca.pem" -CAkey "$out/ca-key.pem" -CAcreateserial \
  -days 30 -extfile "$out/cert.ext" -out "$out/cert.pem" 2>/dev/null
rm -f "$out/cert.csr" "$out/cert.ext" "$out/ca-key.pem" "$out/ca.srl"
# nginx (uid 101 in its image) and the gateways (uid 1000) read them through read-only mounts.
chmod 644 "$out/ca.pem" "$out/cert.pem" "$out/key.pem"
echo "$out: ca.pem cert.pem key.pem for $public and $provider (30 days)"

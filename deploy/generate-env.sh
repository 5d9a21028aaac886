#!/bin/sh
# Prints a .env for docker compose with a fresh random secret for every password:
#   sh deploy/generate-env.sh > .env
set -eu
secret() { od -An -N18 -tx1 /dev/urandom | tr -d ' \n'; }
sed -E 's/^([A-Z_]+_PASSWORD)=$/\1=__SECRET__/' "$(dirname "$0")/../.env.example" |
  while IFS= read -r line; do
    case "$line" in
      *=__SECRET__) echo "${line%__SECRET__}$(secret)" ;;
      *) echo "$line" ;;
    esac
  done

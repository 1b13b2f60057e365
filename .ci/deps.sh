#!/bin/sh
# .ci/deps.sh — installs what clipclean needs to build, test and fuzz, from
# Debian's packages. Run as root (or through sudo).
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config ca-certificates \
  libgumbo-dev libxml2-dev libuchardet-dev libjansson-dev zlib1g-dev \
  libcurl4-openssl-dev libseccomp-dev \
  python3 python3-yaml clang libclang-rt-dev valgrind time >/dev/null

#!/usr/bin/env bash
# Trino, the engine Athena is built on, for the cross-engine tests and `NORTHWIND_ENGINE=trino make demo`.
# A lean install from Maven Central: the server core plus the one plugin the project uses (Iceberg), not the
# full trino-server tarball (821 MB, mostly hard links into plugins nobody here loads). Pinned and checked
# against the SHA-1 that Maven Central publishes; the downloads are kept in a cache outside the work tree
# (NORTHWIND_DOWNLOAD_CACHE, default ~/.cache/northwind) so a fresh clone does not fetch 540 MB again.
# Installed under .local/trino-server; scripts/local_trino.sh runs it. Trino 476 needs Java 24+ (Temurin 25).
set -euo pipefail
version=476
core_sha1=6bae2db438f8e6a2a8d9c8b566bb5e5b05870138
iceberg_sha1=6a9841be7b21c71110a1efc3a98e5dd833b20a8e
java_home=${NORTHWIND_TRINO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
home=.local/trino-server
maven=https://repo1.maven.org/maven2/io/trino
cache=${NORTHWIND_DOWNLOAD_CACHE:-$HOME/.cache/northwind}/trino

if [ ! -x "$java_home/bin/java" ]; then
  echo "Trino $version needs Java 25: no JDK at $java_home (install Temurin 25 there, or point" \
    "NORTHWIND_TRINO_JAVA_HOME at a Java 25 JDK)" >&2
  exit 1
fi
if [ -f "$home/.installed" ] && [ "$(cat "$home/.installed")" = "$version" ]; then exit 0; fi

# fetch <artifact path> <file> <sha1>: download into the cache once, verify every time it is used.
fetch() {
  local file="$cache/$2"
  mkdir -p "$cache"
  if [ ! -f "$file" ] || [ "$(sha1sum "$file" | cut -d' ' -f1)" != "$3" ]; then
    echo "downloading $2"
    curl -fsSL --retry 3 -o "$file.part" "$maven/$1/$2"
    mv "$file.part" "$file"
  fi
  local got
  got=$(sha1sum "$file" | cut -d' ' -f1)
  if [ "$got" != "$3" ]; then
    rm -f "$file"
    echo "checksum mismatch for $2: expected $3, got $got" >&2
    exit 1
  fi
}
fetch "trino-server-core/$version" "trino-server-core-$version.tar.gz" "$core_sha1"
fetch "trino-iceberg/$version" "trino-iceberg-$version.zip" "$iceberg_sha1"

rm -rf "$home" "$home.part"
mkdir -p "$home.part"
tar -xzf "$cache/trino-server-core-$version.tar.gz" -C "$home.part" --strip-components=1
# The plugin zip holds one folder, trino-iceberg-<v>/, with the plugin's jars: it becomes plugin/iceberg.
python3 - "$cache/trino-iceberg-$version.zip" "$home.part/plugin" <<'PY'
import sys, zipfile, pathlib
archive, plugin_dir = sys.argv[1], pathlib.Path(sys.argv[2])
with zipfile.ZipFile(archive) as z:
    z.extractall(plugin_dir)
[folder] = [p for p in plugin_dir.iterdir() if p.name.startswith("trino-iceberg")]
folder.rename(plugin_dir / "iceberg")
PY
echo "$version" >"$home.part/.installed"
mv "$home.part" "$home"
echo "Trino $version installed in $home ($(du -sh "$home" | cut -f1))"

# Downloads pinned jars from Maven Central into a folder, each checked against its SHA-1, so a truncated or
# tampered download fails the setup. A jar already there with the right checksum is kept.
# Source this file, then: fetch_maven_jars DIR "group/path/artifact/version/file.jar|sha1" ...

fetch_maven_jars() {
  local dir=$1
  shift
  local maven=https://repo1.maven.org/maven2
  mkdir -p "$dir"
  local entry path sha file got
  for entry in "$@"; do
    path=${entry%%|*}
    sha=${entry##*|}
    file="$dir/$(basename "$path")"
    if [ -f "$file" ] && [ "$(sha1sum "$file" | cut -d' ' -f1)" = "$sha" ]; then
      continue
    fi
    echo "downloading $(basename "$path")"
    curl -fsSL --retry 3 -o "$file.part" "$maven/$path"
    got=$(sha1sum "$file.part" | cut -d' ' -f1)
    if [ "$got" != "$sha" ]; then
      rm -f "$file.part"
      echo "checksum mismatch for $(basename "$path"): expected $sha, got $got" >&2
      return 1
    fi
    mv "$file.part" "$file"
  done
}

"""Bundle the plain texts of resolutions 1-1284 (1946-1999) from the PVS replication data
(felixhaass/pvs_securitycouncil) as one gzipped JSON Lines file, each text decoded once:
UTF-8, else cp1252 (445 of the 2,259 files upstream are not UTF-8).

Usage: python scripts/bundle_pvs_texts.py /path/to/pvs-resolution-texts-1946-2015/texts
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

LAST = 1284  # S/RES/1285 (2000) onwards come from UN DGACM's structured files
TARGET = Path(__file__).parents[1] / "src/unsc/data/pvs_resolutions/texts_1946_1999.jsonl.gz"
NAME = re.compile(r"S-RES-(\d+)\((\d{4})\)\.txt")


def main(folder: Path) -> None:
    rows = []
    for path in folder.iterdir():
        match = NAME.fullmatch(path.name)
        if match is None:
            raise SystemExit(f"unexpected file name {path.name}")
        number = int(match.group(1))
        if number > LAST:
            continue
        data = path.read_bytes()
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252"), "cp1252"
        rows.append(
            {
                "file": path.name,
                "encoding": encoding,
                "sha256": hashlib.sha256(data).hexdigest(),
                "text": text.replace("\r\n", "\n").replace("\r", "\n"),
            }
        )
    rows.sort(key=lambda r: int(NAME.fullmatch(r["file"]).group(1)))  # type: ignore[union-attr]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    TARGET.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    print(f"{len(rows)} texts, {sum(r['encoding'] == 'cp1252' for r in rows)} from cp1252")
    print(f"sha256 {hashlib.sha256(TARGET.read_bytes()).hexdigest()}")
    print(f"sha256_uncompressed {hashlib.sha256(body).hexdigest()}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

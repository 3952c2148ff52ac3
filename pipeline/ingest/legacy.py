"""Legacy formats (Word 97 ``.doc``, ``.rtf``, ``.odt``) through LibreOffice headless.

The file is converted to ``.docx`` in a private temporary folder with a private LibreOffice
profile (so parallel workers never share one), under a time limit, with macros disabled; the
``.docx`` is then read by :mod:`pipeline.ingest.docx`. When LibreOffice is missing or fails on a
``.doc``, ``antiword`` (if installed) gives plain text as a fallback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.ingest import IngestError

SOFFICE_NAMES = ("soffice", "libreoffice")


def soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_docx(data: bytes, suffix: str, timeout: float = 120.0) -> bytes:
    """Convert legacy bytes to DOCX bytes with LibreOffice; IngestError when it cannot."""
    exe = soffice()
    if exe is None:
        raise IngestError("converter_missing",
                          "LibreOffice (soffice) is not installed: cannot read " + suffix)
    with tempfile.TemporaryDirectory(prefix="vnplan-lo-") as tmp:
        src = Path(tmp) / f"in{suffix}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", str(Path(tmp) / "out"), str(src)]
        env = {**os.environ, "HOME": tmp}
        try:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=timeout, check=False, env=env, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise IngestError("timeout", f"LibreOffice took over {timeout:.0f} s") from exc
        out = Path(tmp) / "out" / "in.docx"
        if not out.exists() or out.stat().st_size == 0:
            raise IngestError("corrupt", f"LibreOffice could not convert this {suffix} file")
        return out.read_bytes()


def antiword_text(data: bytes, timeout: float = 60.0) -> str | None:
    """Plain text of a Word 97 file by antiword, or None when antiword is missing or fails."""
    exe = shutil.which("antiword")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="vnplan-aw-") as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        try:
            res = subprocess.run([exe, "-m", "UTF-8.txt", "-w", "0", str(src)],
                                 capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return None
        if res.returncode != 0 or not res.stdout.strip():
            return None
        return res.stdout.decode("utf-8", errors="replace")

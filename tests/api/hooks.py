"""Schemathesis hooks for the portal's API (loaded by .ci/run through SCHEMATHESIS_HOOKS).

A photo part is a file the server decodes: random bytes are never a photo. Every generated
photo part that is a non-empty string of bytes (which the schema allows, so the case stays as
valid or invalid as it was drawn) is replaced by a small real PNG, so the generated applications can reach the
checks behind the photos and be stored, and the stateful phase can follow them.
"""

import struct
import zlib

import schemathesis


def _png(seed: int, size: int = 48) -> bytes:
    """A size x size RGB PNG, a gradient that differs with `seed`."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(
        b"\x00" + bytes(((x * 5 + seed * 40) % 256, (y * 5) % 256, (x + y + seed * 17) % 256)[c]
                        for x in range(size) for c in range(3))
        for y in range(size)
    )
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


PHOTOS = {name: _png(seed) for seed, name in enumerate(("selfie", "id_front", "id_back", "other"))}


@schemathesis.hook
def before_call(context, case, kwargs):
    """Runs for every case of every phase (examples too), just before it is sent."""
    body = case.body
    if isinstance(body, dict):
        for name, photo in PHOTOS.items():
            value = body.get(name)
            if isinstance(value, (str, bytes)) and value:
                body[name] = photo


@schemathesis.serializer("message/rfc822")
def rfc822(ctx, value):
    """The mail gateway's body is the raw message: a generated string is sent as its UTF-8 bytes."""
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")

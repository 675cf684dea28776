#!/usr/bin/python3
"""pngpixels: what the pixels of a PNG page hold, read with the standard library only
(zlib and struct: Pillow may be absent), for tests that look at drawn pages.

Reads 8-bit, non-interlaced grey, grey+alpha, RGB and RGBA images (every row filter);
alpha is ignored. A region is given as fractions of the image's width and height,
X0 Y0 X1 Y1 (0 0 1 1: the whole image; 0.25 0.25 0.75 0.75: the centre).

Usage:
  pngpixels.py count PNG R,G,B TOL X0 Y0 X1 Y1
      how many pixels of the region have every channel within TOL of R,G,B
  pngpixels.py diff A.png B.png
      how many pixels differ between two images of one size, and the box holding them
      as fractions ("N X0 Y0 X1 Y1"; "0" when the images are the same)

Exit status: 0 answered, 2 usage error, unreadable or unsupported image (or sizes differ).
"""

import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}   # colour type -> samples per pixel


class PngError(Exception):
    pass


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path):
    """(width, height, rows): rows is a list of bytes, n samples per pixel, RGB order."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise PngError(f'{path}: not a PNG file')
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat.append(body)
        elif kind == b'IEND':
            break
    if not header:
        raise PngError(f'{path}: no IHDR chunk')
    width, height, depth, ctype, _, _, interlace = header
    if depth != 8 or ctype not in CHANNELS or interlace:
        raise PngError(f'{path}: unsupported PNG (depth {depth}, colour type {ctype}, interlace {interlace})')
    n = CHANNELS[ctype]
    raw = zlib.decompress(b''.join(idat))
    stride = width * n
    if len(raw) < height * (stride + 1):
        raise PngError(f'{path}: image data too short')
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - n] if i >= n else 0
            up = prev[i]
            ul = prev[i - n] if i >= n else 0
            if ftype == 1:
                line[i] = (line[i] + left) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + up) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif ftype == 4:
                line[i] = (line[i] + paeth(left, up, ul)) & 0xFF
            elif ftype != 0:
                raise PngError(f'{path}: unknown row filter {ftype}')
        rows.append(bytes(line))
        prev = line
    return width, height, n, rows


def pixel(rows, n, x, y):
    p = rows[y][x * n:x * n + n]
    return (p[0], p[0], p[0]) if n <= 2 else (p[0], p[1], p[2])


def region(width, height, box):
    x0, y0, x1, y1 = (float(v) for v in box)
    return (int(x0 * width), int(y0 * height), int(round(x1 * width)), int(round(y1 * height)))


def count(path, rgb, tol, box):
    width, height, n, rows = read_png(path)
    want = [int(v) for v in rgb.split(',')]
    tol = int(tol)
    x0, y0, x1, y1 = region(width, height, box)
    hits = 0
    for y in range(y0, min(y1, height)):
        for x in range(x0, min(x1, width)):
            if all(abs(c - w) <= tol for c, w in zip(pixel(rows, n, x, y), want)):
                hits += 1
    return str(hits)


def diff(a, b):
    wa, ha, na, ra = read_png(a)
    wb, hb, nb, rb = read_png(b)
    if (wa, ha) != (wb, hb):
        raise PngError(f'{a} is {wa}x{ha}, {b} is {wb}x{hb}')
    hits, box = 0, [wa, ha, -1, -1]
    for y in range(ha):
        if ra[y] == rb[y] and na == nb:
            continue
        for x in range(wa):
            if pixel(ra, na, x, y) != pixel(rb, nb, x, y):
                hits += 1
                box = [min(box[0], x), min(box[1], y), max(box[2], x + 1), max(box[3], y + 1)]
    if not hits:
        return '0'
    return f'{hits} {box[0] / wa:.3f} {box[1] / ha:.3f} {box[2] / wa:.3f} {box[3] / ha:.3f}'


def main(argv):
    try:
        if len(argv) == 9 and argv[1] == 'count':
            print(count(argv[2], argv[3], argv[4], argv[5:9]))
        elif len(argv) == 4 and argv[1] == 'diff':
            print(diff(argv[2], argv[3]))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (OSError, ValueError, zlib.error, struct.error, PngError) as e:
        print(f'pngpixels: {e}', file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

#!/usr/bin/python3
"""An independent implementation of Assay's two record framings, for interop tests.

Pure Python (no TensorFlow, no protobuf): its own bitwise-derived CRC-32C
table, TFRecord's mask, and base-128 varints, written from the format
definitions and not from engine/io/framing.h.

  framing_interop.py write TFRECORD DELIMITED BAD_CRC_TFRECORD
      Writes the known records (known_records() below) in both framings, and
      a TFRecord file whose record BAD_RECORD has a wrong data CRC. Read by
      //engine/io:framing_interop_test (C++).
  framing_interop.py verify tfrecord|delimited FILE
      Reads FILE and checks that it holds exactly the known records with
      correct checksums.
  framing_interop.py check-cpp-writer WRITER
      Runs the C++ writer (//engine/io:framing_interop_writer) into
      $TEST_TMPDIR and verifies both files it writes.

The known records must stay in step with KnownRecords() in
framing_interop_test.cc: sizes across the varint boundaries, and byte j of
record i is (i * 131 + j * 7 + (j >> 8) * 13) mod 256.
"""

import os
import struct
import subprocess
import sys

SIZES = [0, 1, 2, 7, 8, 9, 127, 128, 129, 255, 256, 1000, 16383, 16384, 16385, 70000, 5,
         131075]
BAD_RECORD = 3

_POLY = 0x82F63B78
_MASK_DELTA = 0xA282EAD8


def _make_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _make_table()


def crc32c(data):
    c = 0xFFFFFFFF
    table = _TABLE
    for b in data:
        c = table[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked_crc32c(data):
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + _MASK_DELTA) & 0xFFFFFFFF


def self_test():
    assert crc32c(b"123456789") == 0xE3069283
    assert crc32c(b"") == 0
    assert crc32c(bytes(32)) == 0x8A9136AA
    assert crc32c(b"\xff" * 32) == 0x62A8AB43
    assert crc32c(bytes(range(32))) == 0x46DD794E
    assert crc32c(bytes(range(31, -1, -1))) == 0x113FDB5C
    assert varint(300) == b"\xac\x02"


def known_records():
    return [bytes((i * 131 + j * 7 + (j >> 8) * 13) & 0xFF for j in range(size))
            for i, size in enumerate(SIZES)]


def varint(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def tfrecord(payload, corrupt_data_crc=False):
    length = struct.pack("<Q", len(payload))
    data_crc = masked_crc32c(payload) ^ (1 if corrupt_data_crc else 0)
    return length + struct.pack("<I", masked_crc32c(length)) + payload + struct.pack(
        "<I", data_crc)


def delimited(payload):
    return varint(len(payload)) + payload


def read_tfrecords(data):
    """Yields (payload, data_crc_ok); raises ValueError on a bad length or truncation."""
    pos = 0
    while pos < len(data):
        if len(data) - pos < 12:
            raise ValueError("truncated header at offset %d" % pos)
        length_bytes = data[pos:pos + 8]
        (length_crc,) = struct.unpack_from("<I", data, pos + 8)
        if masked_crc32c(length_bytes) != length_crc:
            raise ValueError("length CRC mismatch at offset %d" % pos)
        (length,) = struct.unpack("<Q", length_bytes)
        end = pos + 12 + length + 4
        if end > len(data):
            raise ValueError("truncated record at offset %d" % pos)
        payload = data[pos + 12:pos + 12 + length]
        (data_crc,) = struct.unpack_from("<I", data, pos + 12 + length)
        yield payload, masked_crc32c(payload) == data_crc
        pos = end


def read_delimited(data):
    pos = 0
    while pos < len(data):
        length = 0
        for shift in range(0, 35, 7):
            if pos >= len(data):
                raise ValueError("truncated length")
            b = data[pos]
            pos += 1
            length |= (b & 0x7F) << shift
            if b < 0x80:
                break
        else:
            raise ValueError("varint longer than 5 bytes")
        if pos + length > len(data):
            raise ValueError("truncated record")
        yield data[pos:pos + length], True
        pos += length


def verify(framing, path):
    with open(path, "rb") as f:
        data = f.read()
    reader = read_tfrecords if framing == "tfrecord" else read_delimited
    got = list(reader(data))
    want = known_records()
    if len(got) != len(want):
        raise SystemExit("%s: %d records, want %d" % (path, len(got), len(want)))
    for i, ((payload, ok), expected) in enumerate(zip(got, want)):
        if not ok:
            raise SystemExit("%s: record %d: data CRC mismatch" % (path, i))
        if payload != expected:
            raise SystemExit("%s: record %d: payload differs" % (path, i))
    # The independent writer produces the same bytes.
    writer = tfrecord if framing == "tfrecord" else delimited
    if data != b"".join(writer(p) for p in want):
        raise SystemExit("%s: bytes differ from the Python writer's" % path)
    print("%s: %d %s records verified (%d bytes)" % (path, len(got), framing, len(data)))


def write(tfrecord_path, delimited_path, bad_crc_path):
    records = known_records()
    with open(tfrecord_path, "wb") as f:
        f.write(b"".join(tfrecord(p) for p in records))
    with open(delimited_path, "wb") as f:
        f.write(b"".join(delimited(p) for p in records))
    with open(bad_crc_path, "wb") as f:
        f.write(b"".join(tfrecord(p, corrupt_data_crc=(i == BAD_RECORD))
                         for i, p in enumerate(records)))


def check_cpp_writer(writer):
    out_dir = os.environ.get("TEST_TMPDIR") or "."
    tf_path = os.path.join(out_dir, "cpp_written.tfrecord")
    delim_path = os.path.join(out_dir, "cpp_written.delimited")
    subprocess.run([writer, tf_path, delim_path], check=True)
    verify("tfrecord", tf_path)
    verify("delimited", delim_path)
    # And the Python reader does notice damage in the C++ file.
    with open(tf_path, "rb") as f:
        data = bytearray(f.read())
    data[12 + 0 + 4 + 3] ^= 0x10  # record 1's length field
    try:
        list(read_tfrecords(bytes(data)))
    except ValueError:
        pass
    else:
        raise SystemExit("a damaged length was not detected")


def main(argv):
    self_test()
    if len(argv) == 5 and argv[1] == "write":
        write(argv[2], argv[3], argv[4])
    elif len(argv) == 4 and argv[1] == "verify" and argv[2] in ("tfrecord", "delimited"):
        verify(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "check-cpp-writer":
        check_cpp_writer(argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)

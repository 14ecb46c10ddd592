"""libassay.so through Python's ctypes: a plain C FFI with no compiled glue,
the way the JVM's Panama FFM and .NET's LibraryImport call it.

The same caseload (from `assay generate`) is scored by the `assay` CLI and
through the C ABI, and the results must be identical:
  - batches, for every framing (length-delimited, TFRecord, JSON lines) and
    several engine settings: the ABI's output bytes equal `assay rescore`'s
    output file byte for byte;
  - one record at a time: each record's serialized result (binary and JSON)
    equals the CLI's result for it, without the batch index;
  - the plain accessors (predictor status, band and percentage; RoSH; review
    mode, dates, overdue days; tier) equal the fields of the CLI's JSON
    output, read with Python's json module: two independent decodings.

Usage: capi_ctypes_test.py LIBASSAY_SO ASSAY_CLI   (under /usr/bin/python3)
"""

import ctypes
import json
import os
import subprocess
import sys
import tempfile
import unittest

LIB_PATH = None
CLI_PATH = None
AS_OF = 20251006

c_int32 = ctypes.c_int32
c_uint32 = ctypes.c_uint32
c_size_t = ctypes.c_size_t
c_void_p = ctypes.c_void_p
POINTER = ctypes.POINTER


class EngineOptions(ctypes.Structure):
    _fields_ = [
        ("struct_size", c_uint32),
        ("as_of", c_int32),
        ("model_set", c_int32),
        ("threads", c_int32),
        ("explain", c_int32),
        ("isa", c_int32),
        ("policy_name", ctypes.c_char_p),
        ("policy", c_void_p),
    ]


class PredictorInfo(ctypes.Structure):
    _fields_ = [
        ("struct_size", c_uint32),
        ("status", c_int32),
        ("band", c_int32),
        ("model_type", c_int32),
        ("probability", ctypes.c_double),
        ("percentage", ctypes.c_double),
        ("error_count", c_int32),
        ("first_error_type", c_int32),
    ]


class ReviewInfo(ctypes.Structure):
    _fields_ = [(name, c_uint32 if name == "struct_size" else c_int32) for name in (
        "struct_size", "mode", "overall_rosh", "rosh_mandated", "mappa_level", "assessment_date",
        "interval_due", "proposed_due", "effective_due", "currency_limit_date", "as_of", "overdue",
        "overdue_days", "assessment_out_of_date", "practitioner", "practitioner_date", "error_count",
        "first_error_type")]


class TierInfo(ctypes.Structure):
    _fields_ = [("struct_size", c_uint32), ("level", c_int32), ("provisional", c_int32),
                ("error_count", c_int32), ("first_error_type", c_int32)]


class BatchSummary(ctypes.Structure):
    _fields_ = [
        ("struct_size", c_uint32),
        ("end", c_int32),
        ("records", ctypes.c_uint64),
        ("scored", ctypes.c_uint64),
        ("malformed", ctypes.c_uint64),
        ("checksum_failures", ctypes.c_uint64),
        ("end_offset", ctypes.c_uint64),
        ("first_malformed_offset", ctypes.c_int64),
        ("output_size", ctypes.c_uint64),
    ]


# The header's codes, by the schema's enum names (the CLI's JSON uses names).
BANDS = {"RISK_BAND_UNSPECIFIED": 0, "LOW": 1, "MEDIUM": 2, "HIGH": 3, "VERY_HIGH": 4, "NOT_APPLICABLE": 5}
STATUSES = {"RESULT_STATUS_UNSPECIFIED": 0, "RESULT_SCORED": 1, "RESULT_NOT_APPLICABLE": 2, "RESULT_ERROR": 3}
MODEL_TYPES = {"MODEL_TYPE_UNSPECIFIED": 0, "STATIC": 1, "DYNAMIC": 2, "COMBINED": 3}
MODES = {"REVIEW_MODE_UNSPECIFIED": 0, "MANDATED": 1, "DISCRETIONARY": 2}
TIERS = {"TIER_UNSPECIFIED": 0, "TIER_A": 1, "TIER_B": 2, "TIER_C": 3, "TIER_D": 4, "TIER_E": 5, "TIER_F": 6,
         "TIER_G": 7, "TIER_NOT_SUPERVISED": 8, "TIER_MISSING": 9}
PREDICTORS = {"arp": 1, "vrp": 2, "svrp": 3, "dc_srp": 4, "iic_srp": 5, "csrp": 6, "ogrs3": 10, "ogp": 11,
              "ovp": 12, "osp_dc": 13, "osp_iic": 14, "snsv": 15, "rsr": 16}
FORMAT_BINARY, FORMAT_JSON = 1, 2
FRAMING_DELIMITED, FRAMING_TFRECORD, FRAMING_JSON_LINES = 1, 2, 3
MODEL_SETS = {"v4": 1, "legacy": 2, "both": 3}
OK, BUFFER_TOO_SMALL = 0, 2
MALFORMED_RECORD = 80


def load_library(path):
    lib = ctypes.CDLL(path)
    opaque = c_void_p
    sigs = {
        "assay_version": ([], ctypes.c_char_p),
        "assay_abi_version": ([], c_uint32),
        "assay_last_error": ([], ctypes.c_char_p),
        "assay_status_name": ([c_int32], ctypes.c_char_p),
        "assay_error_type_name": ([c_int32], ctypes.c_char_p),
        "assay_policy_builtin": ([ctypes.c_char_p, POINTER(opaque)], c_int32),
        "assay_policy_from_text": ([ctypes.c_char_p, c_size_t, POINTER(opaque)], c_int32),
        "assay_policy_destroy": ([opaque], None),
        "assay_policy_name": ([opaque, ctypes.c_char_p, c_size_t, POINTER(c_size_t)], c_int32),
        "assay_policy_version": ([opaque, ctypes.c_char_p, c_size_t, POINTER(c_size_t)], c_int32),
        "assay_engine_create": ([POINTER(EngineOptions), POINTER(opaque)], c_int32),
        "assay_engine_destroy": ([opaque], None),
        "assay_result_create": ([POINTER(opaque)], c_int32),
        "assay_result_destroy": ([opaque], None),
        "assay_evaluate": ([opaque, ctypes.c_char_p, c_size_t, c_int32, opaque], c_int32),
        "assay_result_serialized": ([opaque, c_int32, ctypes.c_char_p, c_size_t, POINTER(c_size_t)], c_int32),
        "assay_result_error": ([opaque, POINTER(c_int32)], c_int32),
        "assay_result_string": ([opaque, c_int32, ctypes.c_char_p, c_size_t, POINTER(c_size_t)], c_int32),
        "assay_result_predictor": ([opaque, c_int32, POINTER(PredictorInfo)], c_int32),
        "assay_result_review": ([opaque, POINTER(ReviewInfo)], c_int32),
        "assay_result_tier": ([opaque, POINTER(TierInfo)], c_int32),
        "assay_batch_create": ([POINTER(opaque)], c_int32),
        "assay_batch_destroy": ([opaque], None),
        "assay_score_batch": ([opaque, ctypes.c_char_p, c_size_t, c_int32, opaque], c_int32),
        "assay_batch_output": ([opaque, POINTER(POINTER(ctypes.c_uint8)), POINTER(c_size_t)], c_int32),
        "assay_batch_summary_get": ([opaque, POINTER(BatchSummary)], c_int32),
    }
    for name, (args, restype) in sigs.items():
        fn = getattr(lib, name)
        fn.argtypes = args
        fn.restype = restype
    return lib


class AssayError(Exception):
    pass


class Assay:
    """A thin Python face over the C ABI, as an FFI binding would write it."""

    def __init__(self, lib):
        self.lib = lib

    def check(self, status, call):
        if status != OK:
            raise AssayError("%s: %s: %s" % (call, self.lib.assay_status_name(status).decode(),
                                             self.lib.assay_last_error().decode()))

    def engine(self, model_set="v4", policy_name=None, policy=None, threads=1, explain=0, isa=0):
        options = EngineOptions(struct_size=ctypes.sizeof(EngineOptions), as_of=AS_OF,
                                model_set=MODEL_SETS[model_set], threads=threads, explain=explain, isa=isa,
                                policy_name=policy_name.encode() if policy_name else None, policy=policy)
        handle = c_void_p()
        self.check(self.lib.assay_engine_create(ctypes.byref(options), ctypes.byref(handle)),
                   "assay_engine_create")
        return handle

    def new(self, create):
        handle = c_void_p()
        self.check(create(ctypes.byref(handle)), "create")
        return handle

    def copy_out(self, fn, *args):
        """The caller-buffer protocol: ask for the size, then copy."""
        size = c_size_t(0)
        status = fn(*args, None, 0, ctypes.byref(size))
        if status not in (OK, BUFFER_TOO_SMALL):
            self.check(status, fn.__name__)
        buffer = ctypes.create_string_buffer(max(size.value, 1))
        self.check(fn(*args, buffer, size.value, ctypes.byref(size)), fn.__name__)
        return buffer.raw[:size.value]

    def evaluate(self, engine, result, record, fmt=FORMAT_BINARY):
        self.check(self.lib.assay_evaluate(engine, record, len(record), fmt, result), "assay_evaluate")

    def serialized(self, result, fmt):
        return self.copy_out(self.lib.assay_result_serialized, result, fmt)

    def batch(self, engine, batch, data, framing):
        self.check(self.lib.assay_score_batch(engine, data, len(data), framing, batch), "assay_score_batch")
        pointer = POINTER(ctypes.c_uint8)()
        size = c_size_t(0)
        self.check(self.lib.assay_batch_output(batch, ctypes.byref(pointer), ctypes.byref(size)),
                   "assay_batch_output")
        output = ctypes.string_at(pointer, size.value) if size.value else b""
        summary = BatchSummary(struct_size=ctypes.sizeof(BatchSummary))
        self.check(self.lib.assay_batch_summary_get(batch, ctypes.byref(summary)), "assay_batch_summary_get")
        return output, summary


def read_varint(data, pos):
    value, shift = 0, 0
    while True:
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, pos


def split_delimited(data):
    frames, pos = [], 0
    while pos < len(data):
        length, pos = read_varint(data, pos)
        frames.append(data[pos:pos + length])
        pos += length
    return frames


def strip_index(result):
    """A batch RecordResult without its index field (1, varint, first)."""
    if result[:1] == b"\x08":
        _, pos = read_varint(result, 1)
        return result[pos:]
    return result


def yyyymmdd(date):
    if not date:
        return 0
    return date.get("year", 0) * 10000 + date.get("month", 0) * 100 + date.get("day", 0)


class CapiAgainstCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.assay = Assay(load_library(LIB_PATH))
        cls.tmp = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))
        cls.caseload = {}
        for ext in ("bin", "tfrecord", "jsonl"):
            path = os.path.join(cls.tmp, "caseload." + ext)
            subprocess.run([CLI_PATH, "generate", "--count", "1500", "--seed", "1919", "--invalid-share", "0.05",
                            "--malformed-share", "0.02", "--threads", "2", path],
                           check=True, stderr=subprocess.DEVNULL)
            with open(path, "rb") as f:
                cls.caseload[ext] = f.read()
        cls.records = split_delimited(cls.caseload["bin"])
        cls.json_records = cls.caseload["jsonl"].splitlines()
        assert len(cls.records) == 1500 == len(cls.json_records)

    def rescore(self, in_ext, out_ext, model_set="v4", policy="ns2011"):
        """`assay rescore`'s output file for the caseload."""
        out = os.path.join(self.tmp, "results-%s-%s-%s.%s" % (in_ext, model_set, os.path.basename(policy), out_ext))
        run = subprocess.run([CLI_PATH, "rescore", "--as-of", "2025-10-06", "--model-set", model_set, "--policy",
                              policy, "--threads", "2", "--no-progress",
                              os.path.join(self.tmp, "caseload." + in_ext), out],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # 3: the caseload holds malformed records (deliberately).
        self.assertIn(run.returncode, (0, 3), run.stderr.decode())
        with open(out, "rb") as f:
            return f.read()

    def test_version(self):
        lib = self.assay.lib
        self.assertEqual(lib.assay_version(), b"1.0.0")
        self.assertGreaterEqual(lib.assay_abi_version(), 1)
        self.assertEqual(lib.assay_error_type_name(MALFORMED_RECORD), b"MALFORMED_RECORD")

    def test_batches_equal_cli(self):
        """Every framing and several engines: the ABI's bytes are the CLI's."""
        a = self.assay
        batch = a.new(a.lib.assay_batch_create)
        try:
            cases = [
                ("bin", "bin", FRAMING_DELIMITED, "v4", "ns2011"),
                ("tfrecord", "tfrecord", FRAMING_TFRECORD, "v4", "ns2011"),
                ("jsonl", "jsonl", FRAMING_JSON_LINES, "v4", "ns2011"),
                ("bin", "bin", FRAMING_DELIMITED, "both", "ns2007"),
                ("bin", "bin", FRAMING_DELIMITED, "legacy", "ns2011"),
            ]
            for in_ext, out_ext, framing, model_set, policy in cases:
                with self.subTest(framing=framing, model_set=model_set, policy=policy):
                    expected = self.rescore(in_ext, out_ext, model_set, policy)
                    for threads in (1, 2):
                        engine = a.engine(model_set=model_set, policy_name=policy, threads=threads)
                        try:
                            output, summary = a.batch(engine, batch, self.caseload[in_ext], framing)
                        finally:
                            a.lib.assay_engine_destroy(engine)
                        self.assertEqual(len(output), len(expected))
                        self.assertTrue(output == expected, "the ABI's batch differs from assay rescore's output")
                        self.assertEqual(summary.records, 1500)
                        self.assertGreater(summary.malformed, 0)
                        self.assertEqual(summary.output_size, len(output))
        finally:
            a.lib.assay_batch_destroy(batch)

    def test_policy_from_text_equals_builtin(self):
        """A policy loaded from text decides as the CLI under the same file."""
        a = self.assay
        # The ns2007 file, renamed: parse it, and rescore with the file itself.
        with open(self.policy_path, "rb") as f:
            original = f.read()
        lines = [l for l in original.splitlines() if not l.startswith(b"name:") and not l.startswith(b"version:")]
        text = b'name: "custom"\nversion: "custom/1"\n' + b"\n".join(lines) + b"\n"
        custom = os.path.join(self.tmp, "custom.textproto")
        with open(custom, "wb") as f:
            f.write(text)
        policy = c_void_p()
        a.check(a.lib.assay_policy_from_text(text, len(text), ctypes.byref(policy)), "assay_policy_from_text")
        self.assertEqual(a.copy_out(a.lib.assay_policy_version, policy), b"custom/1")
        engine = a.engine(policy=policy)
        a.lib.assay_policy_destroy(policy)
        batch = a.new(a.lib.assay_batch_create)
        try:
            output, _ = a.batch(engine, batch, self.caseload["bin"], FRAMING_DELIMITED)
            self.assertTrue(output == self.rescore("bin", "bin", "v4", custom))
            self.assertIn(b"custom/1", output)
        finally:
            a.lib.assay_batch_destroy(batch)
            a.lib.assay_engine_destroy(engine)
        bad = b"name: \"x\"\nversion: \"x/1\"\ncurrency_limit_weeks: -3\n"
        self.assertEqual(a.lib.assay_policy_from_text(bad, len(bad), ctypes.byref(policy)), 4)
        self.assertIn(b"POLICY_", a.lib.assay_last_error())

    def test_single_records_equal_cli(self):
        """Each record alone: bytes and every accessor against the CLI."""
        a = self.assay
        cli_binary = split_delimited(self.rescore("bin", "bin", "both"))
        cli_json = [json.loads(line) for line in self.rescore("bin", "jsonl", "both").splitlines()]
        cli_json_text = self.rescore("bin", "jsonl", "both").splitlines()
        self.assertEqual(len(cli_binary), 1500)
        engine = a.engine(model_set="both")
        result = a.new(a.lib.assay_result_create)
        counts = {"scored": 0, "malformed": 0, "mandated": 0, "discretionary": 0, "overdue": 0, "practitioner": 0,
                  "predictors": 0}
        try:
            for i, record in enumerate(self.records):
                expected = cli_json[i]
                a.evaluate(engine, result, record)
                error = c_int32(-1)
                a.check(a.lib.assay_result_error(result, ctypes.byref(error)), "assay_result_error")
                expected_error = expected.get("error", {}).get("type", "")
                self.assertEqual(a.lib.assay_error_type_name(error.value).decode() if error.value else "",
                                 expected_error)
                self.assertEqual(a.copy_out(a.lib.assay_result_string, result, 1).decode(),
                                 expected.get("assessment_id", ""))
                self.assertEqual(a.copy_out(a.lib.assay_result_string, result, 2).decode(),
                                 expected.get("case_reference", ""))
                if error.value == MALFORMED_RECORD:
                    counts["malformed"] += 1
                    continue  # the batch's message names the byte offset
                counts["scored"] += 1
                # bytes: binary and JSON, the CLI's without the index
                self.assertTrue(a.serialized(result, FORMAT_BINARY) == strip_index(cli_binary[i]))
                single_json = json.loads(a.serialized(result, FORMAT_JSON))
                expected_without_index = dict(expected)
                expected_without_index.pop("index", None)
                self.assertEqual(single_json, expected_without_index)
                if i == 0:
                    self.assertEqual(a.serialized(result, FORMAT_JSON), cli_json_text[0])
                # the same record as JSON
                a.evaluate(engine, result, self.json_records[i], FORMAT_JSON)
                self.assertTrue(a.serialized(result, FORMAT_BINARY) == strip_index(cli_binary[i]))

                scores = expected.get("scores", {})
                for name, code in PREDICTORS.items():
                    info = PredictorInfo(struct_size=ctypes.sizeof(PredictorInfo))
                    a.check(a.lib.assay_result_predictor(result, code, ctypes.byref(info)), "assay_result_predictor")
                    p = scores.get(name)
                    if p is None:
                        self.assertEqual(info.status, 0)
                        continue
                    counts["predictors"] += 1
                    self.assertEqual(info.status, STATUSES[p.get("status", "RESULT_STATUS_UNSPECIFIED")], name)
                    self.assertEqual(info.band, BANDS[p.get("band", "RISK_BAND_UNSPECIFIED")], name)
                    self.assertEqual(info.model_type, MODEL_TYPES[p.get("type", "MODEL_TYPE_UNSPECIFIED")], name)
                    self.assertEqual(info.percentage, p.get("percentage", 0.0), name)
                    self.assertEqual(info.probability, p.get("probability", 0.0), name)
                    self.assertEqual(info.error_count, len(p.get("errors", [])), name)

                review = ReviewInfo(struct_size=ctypes.sizeof(ReviewInfo))
                a.check(a.lib.assay_result_review(result, ctypes.byref(review)), "assay_result_review")
                r = expected.get("review", {})
                basis = r.get("basis", {})
                self.assertEqual(review.mode, MODES[r.get("mode", "REVIEW_MODE_UNSPECIFIED")])
                self.assertEqual(review.overall_rosh, BANDS[basis.get("overall_rosh", "RISK_BAND_UNSPECIFIED")])
                self.assertEqual(review.rosh_mandated, int(basis.get("rosh_mandated", False)))
                self.assertEqual(review.mappa_level, basis.get("mappa_level", 0))
                for field in ("assessment_date", "interval_due", "proposed_due", "effective_due",
                              "currency_limit_date", "as_of"):
                    self.assertEqual(getattr(review, field), yyyymmdd(r.get(field)), field)
                self.assertEqual(review.overdue, int(r.get("overdue", False)))
                self.assertEqual(review.overdue_days, r.get("overdue_days", 0))
                self.assertEqual(review.assessment_out_of_date, int(r.get("assessment_out_of_date", False)))
                practitioner = r.get("practitioner")
                if practitioner is None:
                    self.assertEqual(review.practitioner, 0)
                else:
                    counts["practitioner"] += 1
                    self.assertEqual(review.practitioner, 1 if practitioner.get("accepted") else 2)
                    self.assertEqual(review.practitioner_date, yyyymmdd(practitioner.get("chosen_review_date")))
                self.assertEqual(review.error_count, len(r.get("errors", [])))
                self.assertEqual(a.copy_out(a.lib.assay_result_string, result, 4).decode(),
                                 r.get("policy_version", ""))
                self.assertEqual(a.copy_out(a.lib.assay_result_string, result, 5).decode(),
                                 basis.get("interval_source", ""))
                counts["mandated"] += review.mode == 1
                counts["discretionary"] += review.mode == 2
                counts["overdue"] += review.overdue

                tier = TierInfo(struct_size=ctypes.sizeof(TierInfo))
                a.check(a.lib.assay_result_tier(result, ctypes.byref(tier)), "assay_result_tier")
                t = expected.get("tier", {})
                self.assertEqual(tier.level, TIERS[t.get("level", "TIER_UNSPECIFIED")])
                self.assertEqual(tier.provisional, int(t.get("provisional", False)))
                self.assertEqual(tier.error_count, len(t.get("errors", [])))
        finally:
            a.lib.assay_result_destroy(result)
            a.lib.assay_engine_destroy(engine)
        # The caseload exercised what it should.
        for key, value in counts.items():
            self.assertGreater(value, 0, key)
        print("single records:", counts, file=sys.stderr)

    def test_errors_through_ffi(self):
        a = self.assay
        options = EngineOptions(struct_size=ctypes.sizeof(EngineOptions), as_of=20250230)
        engine = c_void_p()
        self.assertEqual(a.lib.assay_engine_create(ctypes.byref(options), ctypes.byref(engine)), 1)
        self.assertIsNone(engine.value)
        self.assertIn(b"as_of", a.lib.assay_last_error())
        options.struct_size = 8
        self.assertEqual(a.lib.assay_engine_create(ctypes.byref(options), ctypes.byref(engine)), 1)
        self.assertIn(b"struct_size", a.lib.assay_last_error())
        self.assertEqual(a.lib.assay_evaluate(None, b"x", 1, 1, None), 1)
        engine = a.engine()
        result = a.new(a.lib.assay_result_create)
        try:
            a.evaluate(engine, result, b"\xff\xff\xff")
            error = c_int32()
            a.check(a.lib.assay_result_error(result, ctypes.byref(error)), "assay_result_error")
            self.assertEqual(error.value, MALFORMED_RECORD)
            size = c_size_t()
            small = ctypes.create_string_buffer(2)
            self.assertEqual(a.lib.assay_result_serialized(result, 1, small, 2, ctypes.byref(size)), BUFFER_TOO_SMALL)
            self.assertGreater(size.value, 2)
        finally:
            a.lib.assay_result_destroy(result)
            a.lib.assay_engine_destroy(engine)


if __name__ == "__main__":
    LIB_PATH, CLI_PATH, CapiAgainstCli.policy_path = sys.argv[1], sys.argv[2], sys.argv[3]
    unittest.main(argv=[sys.argv[0], "-v"])

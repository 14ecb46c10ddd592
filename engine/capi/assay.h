/*
 * assay.h: the stable C ABI of Assay (libassay.so), for case management
 * systems that cannot link C++: JVM services through Panama FFM, .NET through
 * LibraryImport, Python through ctypes, anything with a C FFI.
 *
 * Contract
 * ========
 *
 * Language. C99 (and C++: every declaration is extern "C"). This header
 * includes only <stdint.h> and <stddef.h>. Only fixed-width integers, double,
 * size_t, pointers to those, UTF-8 byte strings and opaque handles cross the
 * boundary: no bool, no enum passed by value, no C++ type. Named constants
 * are #defines of int32_t values.
 *
 * Stability. ASSAY_ABI_VERSION is 1. Existing functions, their parameters,
 * the constants' values and the existing fields of the structs never change
 * and are never removed; later versions only add functions, constants and
 * struct fields at the end of a struct, and increment assay_abi_version().
 * A caller compiled against this header needs assay_abi_version() >=
 * ASSAY_ABI_VERSION. Every exported symbol starts with `assay_` (and carries
 * the ELF symbol version ASSAY_1); the library exports nothing else, no
 * symbol of Abseil, protobuf, the C++ runtime or Assay's C++ code.
 *
 * Dependencies. The library needs Debian's shared libprotobuf.so.32, Abseil
 * (libabsl_*.so.20220623), libstdc++ and libquadmath at run time (Debian's
 * static archives of protobuf and Abseil cannot go into a shared object).
 * So a process must not both load libassay.so and register Assay's .proto
 * files with that libprotobuf by other means (by linking Assay's C++
 * libraries): protobuf aborts on the duplicate registration. JVM, .NET and
 * Python hosts are unaffected.
 *
 * Structs carry their own size. Every struct starts with `uint32_t
 * struct_size`, which the caller sets to sizeof the struct as it was compiled
 * (zero the struct first: every field's default is 0). The library reads or
 * writes only the first struct_size bytes. A struct_size below the version-1
 * size is ASSAY_ERR_INVALID_ARGUMENT. For an input struct larger than the
 * library knows (a newer caller), the unknown tail must be all zero, else
 * ASSAY_ERR_UNSUPPORTED: a field the library would ignore is never silently
 * ignored. The structs have no implicit padding, so their layouts are the
 * same in every FFI (see the layout comments).
 *
 * Status. Every call that can fail returns an int32_t status: ASSAY_OK (0) or
 * an ASSAY_ERR_* code. On failure, assay_last_error() returns a message (UTF-8,
 * NUL-terminated, never NULL, at most 4 KiB) for the failing call. It is
 * per OS thread and stays valid until the next call on that thread of a
 * function that returns a status, so fetch it immediately after the failing
 * call, on the same thread (JVM virtual threads and .NET async code: do not
 * block or await in between). A successful call leaves it "".
 * assay_status_name() names a code. Problems with a record's content are not
 * failures: the call succeeds and the result holds the error (a record that
 * does not decode gives a result whose record error is
 * ASSAY_ERROR_MALFORMED_RECORD), exactly as the CLI and the C++ API report it.
 *
 * No unwinding, no abort. Nothing throws or unwinds across the boundary: every
 * C++ exception is caught inside and becomes a status (ASSAY_ERR_OUT_OF_MEMORY,
 * ASSAY_ERR_INTERNAL). No input makes a call abort: NULL handles, NULL
 * pointers, wrong sizes, malformed or truncated bytes and bad options are
 * statuses. (Passing a pointer that is not what it claims, e.g. a freed handle
 * or a buffer shorter than its stated size, is undefined behaviour, as in
 * any C API.)
 *
 * Handles and ownership. Every opaque handle has a create/destroy pair, and
 * destroy accepts NULL. Bytes going out are returned either
 *   - into a caller's buffer: the call takes (buffer, capacity, size_t*
 *     size), always stores the needed size in *size, and returns
 *     ASSAY_ERR_BUFFER_TOO_SMALL (writing nothing) when capacity is smaller;
 *     a (NULL, 0) buffer is the way to ask for the size. Strings are copied
 *     without a terminating NUL; *size is their length in bytes; or
 *   - as a view into memory a handle owns (assay_batch_output): valid until
 *     the handle is next written to or destroyed.
 * Inputs are borrowed for the duration of the call only.
 *
 * Thread safety, per handle type.
 *   - assay_engine: immutable after creation and shareable: any number of
 *     threads may call assay_evaluate and assay_score_batch on one engine
 *     concurrently (it keeps one evaluator per concurrently calling thread
 *     internally). Destroy it only when no call is using it.
 *   - assay_policy: immutable; shareable likewise. An engine copies what it
 *     needs, so a policy may be destroyed once the engines are created.
 *   - assay_result and assay_batch: not shareable. One thread at a time
 *     (a handle may move between threads between calls). Reuse one per
 *     thread: a warm result or batch handle does not allocate.
 *   - Functions without a handle (version, status names, last error) are
 *     thread-safe.
 *
 * Determinism. Results depend only on the input bytes and the engine options:
 * the as-of date is required (there is no implicit "today"), nothing is read
 * from the environment, and the bytes out are the same on every instruction
 * set and for every thread count. A single record scored by assay_evaluate
 * gives the bytes the batch call (and `assay rescore`) gives for it, except
 * RecordResult.index, which only a batch sets, and, for a record that does
 * not decode, the error message, which in a batch names the record's byte
 * offset or line.
 *
 * Data. Records are assay.v1.Assessment messages and results
 * assay.v1.RecordResult messages (the .proto files in schemas/), in
 * protobuf's binary encoding or its JSON mapping (field names as in the
 * .proto). Predictor, band, status, review mode, tier and error codes below
 * are the numbers of those schemas' enums.
 *
 * Example (error handling shortened):
 *
 *   assay_engine_options options;
 *   memset(&options, 0, sizeof options);
 *   options.struct_size = sizeof options;
 *   options.as_of = 20251006;                    // required
 *   assay_engine* engine = NULL;
 *   if (assay_engine_create(&options, &engine) != ASSAY_OK) {
 *     fprintf(stderr, "%s\n", assay_last_error());
 *     return 1;
 *   }
 *   assay_result* result = NULL;
 *   assay_result_create(&result);
 *   assay_evaluate(engine, record, record_size, ASSAY_FORMAT_BINARY, result);
 *
 *   assay_predictor_info arp;
 *   memset(&arp, 0, sizeof arp);
 *   arp.struct_size = sizeof arp;
 *   assay_result_predictor(result, ASSAY_PREDICTOR_ARP, &arp);
 *   if (arp.status == ASSAY_RESULT_SCORED) printf("ARP %.2f%%\n", arp.percentage);
 *
 *   size_t size = 0;                             // the RecordResult itself
 *   assay_result_serialized(result, ASSAY_FORMAT_JSON, NULL, 0, &size);
 *   char* json = malloc(size);
 *   assay_result_serialized(result, ASSAY_FORMAT_JSON, (uint8_t*)json, size, &size);
 *
 *   free(json);
 *   assay_result_destroy(result);
 *   assay_engine_destroy(engine);
 */
#ifndef ASSAY_CAPI_ASSAY_H_
#define ASSAY_CAPI_ASSAY_H_

#include <stddef.h>
#include <stdint.h>

/* ASSAY_API marks the exported functions. C++ callers also see that they
 * never throw. */
#if defined(__GNUC__)
#define ASSAY_API __attribute__((visibility("default")))
#else
#define ASSAY_API
#endif
#if defined(__cplusplus)
#define ASSAY_NOEXCEPT noexcept
extern "C" {
#else
#define ASSAY_NOEXCEPT
#endif

#define ASSAY_ABI_VERSION 1

/* ---- Status codes ------------------------------------------------------- */

#define ASSAY_OK 0
/* A NULL handle or pointer, a bad option or code, a struct_size too small. */
#define ASSAY_ERR_INVALID_ARGUMENT 1
/* The caller's buffer is smaller than *size, which holds the needed size. */
#define ASSAY_ERR_BUFFER_TOO_SMALL 2
/* No built-in policy of that name. */
#define ASSAY_ERR_NOT_FOUND 3
/* Policy text that does not parse or validate; the message lists every
 * problem with its field. */
#define ASSAY_ERR_INVALID_POLICY 4
/* Asked of this library but not available here: an instruction set the
 * processor lacks, a struct field from a newer version set to non-zero. */
#define ASSAY_ERR_UNSUPPORTED 5
/* The result handle holds no result yet (no successful assay_evaluate). */
#define ASSAY_ERR_NO_RESULT 6
#define ASSAY_ERR_OUT_OF_MEMORY 7
/* A bug in the library, caught at the boundary; please report the message. */
#define ASSAY_ERR_INTERNAL 8

/* ---- Codes -------------------------------------------------------------- */

/* One record's encoding (assay_evaluate's input, assay_result_serialized's
 * output). */
#define ASSAY_FORMAT_BINARY 1 /* protobuf binary encoding */
#define ASSAY_FORMAT_JSON 2   /* protobuf's JSON mapping, one object */

/* A batch's framing, the same in and out (assay_score_batch). */
#define ASSAY_FRAMING_LENGTH_DELIMITED 1 /* varint length + binary message */
#define ASSAY_FRAMING_TFRECORD 2         /* TFRecord (CRC32C-checked) + binary message */
#define ASSAY_FRAMING_JSON_LINES 3       /* one JSON object per line */

/* assay.v1.ModelSet; 0 in the options means V4. */
#define ASSAY_MODEL_SET_V4 1     /* ARP, VRP, SVRP, DC-SRP, IIC-SRP, CSRP, OGRS3 */
#define ASSAY_MODEL_SET_LEGACY 2 /* OGRS3, OGP, OVP, OSP/DC, OSP/IIC, SNSV, RSR */
#define ASSAY_MODEL_SET_BOTH 3

/* Kernel instruction set for batches (results never depend on it). */
#define ASSAY_ISA_AUTO 0 /* the widest this processor supports */
#define ASSAY_ISA_SCALAR 1
#define ASSAY_ISA_SSE42 2
#define ASSAY_ISA_AVX2 3
#define ASSAY_ISA_AVX512 4

/* assay.v1.Predictor. */
#define ASSAY_PREDICTOR_ARP 1
#define ASSAY_PREDICTOR_VRP 2
#define ASSAY_PREDICTOR_SVRP 3
#define ASSAY_PREDICTOR_DC_SRP 4
#define ASSAY_PREDICTOR_IIC_SRP 5
#define ASSAY_PREDICTOR_CSRP 6
#define ASSAY_PREDICTOR_OGRS3 10
#define ASSAY_PREDICTOR_OGP 11
#define ASSAY_PREDICTOR_OVP 12
#define ASSAY_PREDICTOR_OSP_DC 13
#define ASSAY_PREDICTOR_OSP_IIC 14
#define ASSAY_PREDICTOR_SNSV 15
#define ASSAY_PREDICTOR_RSR 16

/* assay.v1.ResultStatus; ABSENT: not in the model set, or no scores (a
 * record error). */
#define ASSAY_RESULT_ABSENT 0
#define ASSAY_RESULT_SCORED 1
#define ASSAY_RESULT_NOT_APPLICABLE 2
#define ASSAY_RESULT_ERROR 3

/* assay.v1.RiskBand (predictor bands and RoSH). */
#define ASSAY_BAND_NONE 0
#define ASSAY_BAND_LOW 1
#define ASSAY_BAND_MEDIUM 2
#define ASSAY_BAND_HIGH 3
#define ASSAY_BAND_VERY_HIGH 4
#define ASSAY_BAND_NOT_APPLICABLE 5

/* assay.v1.ModelType. */
#define ASSAY_MODEL_TYPE_NONE 0
#define ASSAY_MODEL_TYPE_STATIC 1
#define ASSAY_MODEL_TYPE_DYNAMIC 2
#define ASSAY_MODEL_TYPE_COMBINED 3

/* assay.v1.ReviewMode; NONE: no decision, see the review's errors. */
#define ASSAY_REVIEW_NONE 0
#define ASSAY_REVIEW_MANDATED 1
#define ASSAY_REVIEW_DISCRETIONARY 2

/* The practitioner's own review date, when the record carries one. */
#define ASSAY_PRACTITIONER_NONE 0
#define ASSAY_PRACTITIONER_ACCEPTED 1
#define ASSAY_PRACTITIONER_REJECTED 2 /* the proposed date governs */

/* assay.v1.TierLevel. */
#define ASSAY_TIER_NONE 0
#define ASSAY_TIER_A 1
#define ASSAY_TIER_B 2
#define ASSAY_TIER_C 3
#define ASSAY_TIER_D 4
#define ASSAY_TIER_E 5
#define ASSAY_TIER_F 6
#define ASSAY_TIER_G 7
#define ASSAY_TIER_NOT_SUPERVISED 8
#define ASSAY_TIER_MISSING 9

/* assay.v1.ErrorType: the record-level ones (assay_result_error); the full
 * list is schemas/score.proto, and assay_error_type_name names any. */
#define ASSAY_ERROR_NONE 0
#define ASSAY_ERROR_MALFORMED_RECORD 80
#define ASSAY_ERROR_TRUNCATED_STREAM 81
#define ASSAY_ERROR_CHECKSUM_MISMATCH 83

/* Strings of a result (assay_result_string). */
#define ASSAY_STRING_ASSESSMENT_ID 1
#define ASSAY_STRING_CASE_REFERENCE 2
#define ASSAY_STRING_ERROR_MESSAGE 3  /* the record error's message */
#define ASSAY_STRING_POLICY_VERSION 4 /* of the review decision */
#define ASSAY_STRING_INTERVAL_SOURCE 5 /* what set the review interval */

/* ---- Version ------------------------------------------------------------ */

/* The library's release, e.g. "1.0.0": a static string, never freed. */
ASSAY_API const char* assay_version(void) ASSAY_NOEXCEPT;
/* ASSAY_ABI_VERSION of the library (>= the caller's header's). */
ASSAY_API uint32_t assay_abi_version(void) ASSAY_NOEXCEPT;

/* ---- Errors ------------------------------------------------------------- */

/* The message of this thread's last failed call ("" after a success); see
 * the contract for its lifetime. Never NULL. */
ASSAY_API const char* assay_last_error(void) ASSAY_NOEXCEPT;
/* "ASSAY_OK", "ASSAY_ERR_INVALID_ARGUMENT", ...; "ASSAY_ERR_UNKNOWN" for
 * other values. A static string. */
ASSAY_API const char* assay_status_name(int32_t status) ASSAY_NOEXCEPT;
/* The schema's name of an assay.v1.ErrorType number ("MALFORMED_RECORD"),
 * "" for a number the schema does not know. A static string. */
ASSAY_API const char* assay_error_type_name(int32_t error_type) ASSAY_NOEXCEPT;

/* ---- Policies ----------------------------------------------------------- */

typedef struct assay_policy assay_policy;

/* A built-in review policy ("ns2011", the default, or "ns2007"); `name` is
 * NUL-terminated UTF-8. ASSAY_ERR_NOT_FOUND for any other name. */
ASSAY_API int32_t assay_policy_builtin(const char* name, assay_policy** out) ASSAY_NOEXCEPT;
/* Parses and validates an assay.v1.ReviewPolicy in protobuf text format
 * (text_size bytes of UTF-8, no NUL needed). ASSAY_ERR_INVALID_POLICY with
 * every problem (line and column, or the field) in assay_last_error(). */
ASSAY_API int32_t assay_policy_from_text(const char* text, size_t text_size, assay_policy** out) ASSAY_NOEXCEPT;
ASSAY_API void assay_policy_destroy(assay_policy* policy) ASSAY_NOEXCEPT;
/* The policy's name ("ns2011") and version ("ns2011/1", the one copied into
 * review decisions), into a caller's buffer (see the contract). */
ASSAY_API int32_t assay_policy_name(const assay_policy* policy, char* buffer, size_t capacity,
                                    size_t* size) ASSAY_NOEXCEPT;
ASSAY_API int32_t assay_policy_version(const assay_policy* policy, char* buffer, size_t capacity,
                                       size_t* size) ASSAY_NOEXCEPT;

/* ---- Engines ------------------------------------------------------------ */

/* Layout (x86-64 and every LP64 or LLP64 64-bit ABI): 40 bytes,
 *   0 u32 struct_size, 4 i32 as_of, 8 i32 model_set, 12 i32 threads,
 *   16 i32 explain, 20 i32 isa, 24 ptr policy_name, 32 ptr policy. */
typedef struct assay_engine_options {
  uint32_t struct_size; /* sizeof(assay_engine_options) */
  /* Required: the date reviews are judged at (overdue days, out-of-date
   * assessments, the tier), as YYYYMMDD, e.g. 20251006. Years 1800..2200. */
  int32_t as_of;
  int32_t model_set; /* ASSAY_MODEL_SET_*; 0 = V4 */
  int32_t threads;   /* worker threads for assay_score_batch, 1..1024; 0 = 1 */
  int32_t explain;   /* 1: explanation terms in every predictor result; 0: none */
  int32_t isa;       /* ASSAY_ISA_*; 0 = auto. Batches only; never changes results */
  /* The review policy: a built-in name (NUL-terminated), or a loaded policy
   * (the engine copies it). At most one of the two; both NULL = "ns2011". */
  const char* policy_name;
  const assay_policy* policy;
} assay_engine_options;

typedef struct assay_engine assay_engine;

ASSAY_API int32_t assay_engine_create(const assay_engine_options* options, assay_engine** out) ASSAY_NOEXCEPT;
ASSAY_API void assay_engine_destroy(assay_engine* engine) ASSAY_NOEXCEPT;

/* ---- One record --------------------------------------------------------- */

typedef struct assay_result assay_result;

ASSAY_API int32_t assay_result_create(assay_result** out) ASSAY_NOEXCEPT;
ASSAY_API void assay_result_destroy(assay_result* result) ASSAY_NOEXCEPT;

/* Scores one serialized assay.v1.Assessment (record_size bytes, format
 * ASSAY_FORMAT_BINARY or _JSON; at most 64 MiB) into `result`, replacing what
 * it held. A record that does not decode is not a failure: the result holds a
 * MALFORMED_RECORD error. On failure the result holds no result. */
ASSAY_API int32_t assay_evaluate(assay_engine* engine, const uint8_t* record, size_t record_size, int32_t format,
                                 assay_result* result) ASSAY_NOEXCEPT;

/* The assay.v1.RecordResult, serialized in `format` (binary: protobuf's bytes
 * exactly; JSON: one object, no newline), into a caller's buffer. */
ASSAY_API int32_t assay_result_serialized(assay_result* result, int32_t format, uint8_t* buffer, size_t capacity,
                                          size_t* size) ASSAY_NOEXCEPT;

/* The record-level error's assay.v1.ErrorType (ASSAY_ERROR_NONE when the
 * record was scored; its message: ASSAY_STRING_ERROR_MESSAGE). */
ASSAY_API int32_t assay_result_error(assay_result* result, int32_t* error_type) ASSAY_NOEXCEPT;

/* A string field of the result (ASSAY_STRING_*), UTF-8, into a caller's
 * buffer; an absent field is "" (size 0). */
ASSAY_API int32_t assay_result_string(assay_result* result, int32_t which, char* buffer, size_t capacity,
                                      size_t* size) ASSAY_NOEXCEPT;

/* Layout: 40 bytes: 0 u32 struct_size, 4 i32 status, 8 i32 band,
 * 12 i32 model_type, 16 f64 probability, 24 f64 percentage,
 * 32 i32 error_count, 36 i32 first_error_type. */
typedef struct assay_predictor_info {
  uint32_t struct_size;     /* in: sizeof(assay_predictor_info) */
  int32_t status;           /* ASSAY_RESULT_* (ABSENT: not scored at all) */
  int32_t band;             /* ASSAY_BAND_* */
  int32_t model_type;       /* ASSAY_MODEL_TYPE_* (static / dynamic / combined) */
  double probability;       /* 0..1 */
  double percentage;        /* the reported percentage, e.g. 37.52 */
  int32_t error_count;      /* errors (with SCORED: why a dynamic model fell back) */
  int32_t first_error_type; /* assay.v1.ErrorType of the first, 0 if none */
} assay_predictor_info;

/* One predictor's result by its code (ASSAY_PREDICTOR_*). A predictor outside
 * the engine's model set, or of a record that could not be scored, is
 * ASSAY_RESULT_ABSENT with every other field 0. An unknown code is
 * ASSAY_ERR_INVALID_ARGUMENT. */
ASSAY_API int32_t assay_result_predictor(assay_result* result, int32_t predictor,
                                         assay_predictor_info* info) ASSAY_NOEXCEPT;

/* Dates are YYYYMMDD (e.g. 20260119), 0 when not set.
 * Layout: 72 bytes, 18 x 4-byte fields in this order. */
typedef struct assay_review_info {
  uint32_t struct_size;            /* in: sizeof(assay_review_info) */
  int32_t mode;                    /* ASSAY_REVIEW_* */
  int32_t overall_rosh;            /* Risk of Serious Harm, ASSAY_BAND_* (NONE: not rated) */
  int32_t rosh_mandated;           /* 1: the RoSH level mandates the review */
  int32_t mappa_level;             /* the mandating MAPPA level, 0 if none */
  int32_t assessment_date;
  int32_t interval_due;            /* from the interval alone */
  int32_t proposed_due;            /* earliest of the interval and events */
  int32_t effective_due;           /* the date that governs */
  int32_t currency_limit_date;     /* the assessment is out of date after it */
  int32_t as_of;
  int32_t overdue;                 /* 1: as_of is past effective_due */
  int32_t overdue_days;            /* max(0, as_of - effective_due) */
  int32_t assessment_out_of_date;  /* 1: as_of is past currency_limit_date */
  int32_t practitioner;            /* ASSAY_PRACTITIONER_* */
  int32_t practitioner_date;       /* the practitioner's chosen date */
  int32_t error_count;             /* record-level review errors (mode NONE) */
  int32_t first_error_type;
} assay_review_info;

/* The review decision (and the overall RoSH). A record that could not be
 * scored gives mode NONE and zeros. */
ASSAY_API int32_t assay_result_review(assay_result* result, assay_review_info* info) ASSAY_NOEXCEPT;

/* Layout: 20 bytes, 5 x 4-byte fields in this order. */
typedef struct assay_tier_info {
  uint32_t struct_size;     /* in: sizeof(assay_tier_info) */
  int32_t level;            /* ASSAY_TIER_* (NONE: not computed, see errors) */
  int32_t provisional;      /* 1: an uncertain input could raise it */
  int32_t error_count;
  int32_t first_error_type;
} assay_tier_info;

/* The HMPPS tier. */
ASSAY_API int32_t assay_result_tier(assay_result* result, assay_tier_info* info) ASSAY_NOEXCEPT;

/* ---- Batches ------------------------------------------------------------ */

typedef struct assay_batch assay_batch;

ASSAY_API int32_t assay_batch_create(assay_batch** out) ASSAY_NOEXCEPT;
ASSAY_API void assay_batch_destroy(assay_batch* batch) ASSAY_NOEXCEPT;

/* Scores every record of `input` (input_size bytes of framed
 * assay.v1.Assessment records, ASSAY_FRAMING_*) into `batch`, replacing what
 * it held: exactly one framed assay.v1.RecordResult per record, in input
 * order, in the same framing, on the engine's `threads` workers; the bytes
 * `assay rescore` writes for the same input. Unreadable records are error
 * results (MALFORMED_RECORD, CHECKSUM_MISMATCH); a stream that ends inside a
 * record or whose framing is damaged ends with one TRUNCATED_STREAM error
 * result. Neither is a failure: see the summary. On failure the batch holds
 * no output. */
ASSAY_API int32_t assay_score_batch(assay_engine* engine, const uint8_t* input, size_t input_size, int32_t framing,
                                    assay_batch* batch) ASSAY_NOEXCEPT;

/* The last assay_score_batch's output: a view of `size` bytes owned by the
 * batch, valid until the batch is next scored into or destroyed (*data may be
 * NULL when *size is 0). */
ASSAY_API int32_t assay_batch_output(const assay_batch* batch, const uint8_t** data, size_t* size) ASSAY_NOEXCEPT;

/* Layout: 64 bytes: 0 u32 struct_size, 4 i32 end, then u64 records, scored,
 * malformed, checksum_failures, end_offset, i64 first_malformed_offset,
 * u64 output_size. */
typedef struct assay_batch_summary {
  uint32_t struct_size;       /* in: sizeof(assay_batch_summary) */
  int32_t end;                /* 0: clean end; 1: truncated inside a record; 2: damaged framing */
  uint64_t records;           /* results written (a broken end counts as one) */
  uint64_t scored;            /* of them, scored */
  uint64_t malformed;         /* of them, MALFORMED_RECORD */
  uint64_t checksum_failures; /* of them, CHECKSUM_MISMATCH (TFRecord) */
  uint64_t end_offset;        /* byte offset of the broken end (end != 0) */
  int64_t first_malformed_offset; /* byte offset of the first malformed record, -1 if none */
  uint64_t output_size;       /* bytes of output */
} assay_batch_summary;

ASSAY_API int32_t assay_batch_summary_get(const assay_batch* batch, assay_batch_summary* summary) ASSAY_NOEXCEPT;

#if defined(__cplusplus)
} /* extern "C" */
#endif

#endif /* ASSAY_CAPI_ASSAY_H_ */

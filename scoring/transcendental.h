// exp and log for IEEE double, written once for every number type.
//
// Contract:
//   - transcendental::Exp<Ops>(x) and transcendental::Log<Ops>(x) are
//     templates over an "ops" struct that supplies the number type and its
//     primitives (Ops::Real, Ops::Bits, Ops::Mask, ToBits, FromBits, Select,
//     IsNan, Lookup; see DoubleOps below for the exact list). Everything else they do is + - * / on Ops::Real, the ordered
//     comparisons < > >= == (false when an operand is NaN, in C++ and in
//     every xsimd ISA alike; != is never used: xsimd's AVX/AVX-512 != is
//     ordered, C++'s is not), and + & | << >> on the 64-bit pattern
//     Ops::Bits. They contain no branch on a value and call no library
//     function: every special case is a select.
//     So Ops::Real = double (DoubleOps, here) and Ops::Real =
//     xsimd::batch<double, A> (engine/kernels/kernel_impl.h) execute the same
//     IEEE-754 operations in the same order on every lane and return the
//     same bits, whatever the vector width.
//   - Exp(double) and Log(double) below are the scalar entry points; the
//     whole scalar reference (scoring/, engine/kernels/fast_path.cc) uses them
//     instead of std::exp / std::log, so that scalar and SIMD results are
//     bit-identical. The binary128 paths (QuadExp, QuadLog) stay libquadmath.
//   - Requirement on the build: a translation unit that instantiates these
//     for a target with FMA must be compiled with -ffp-contract=off (the
//     kernel libraries are: engine/kernels/BUILD.bazel). A contracted a*b+c
//     rounds once instead of twice and silently breaks both the bit identity
//     and the exact products (Dekker's TwoProduct) Log relies on. The scalar
//     libraries target baseline x86-64, which has no FMA instruction, so
//     GCC's default contraction cannot occur there. No -ffast-math, ever.
//   - Exactness of the building blocks: the table lookup and the
//     magic-number rounding are exact in any lane width; Select copies bits.
//
// Exp(x), table-driven (the method of Tang, "Table-driven implementation of
// the exponential function", ACM TOMS 1989, in the form of the ARM
// optimized-routines exp that glibc 2.28+ uses, without its branches):
//   1. Range: x is clamped to [-746, 710] (only to keep the integer tricks
//      in range: exp(710) overflows and exp(-746) < 2^-1075 rounds to 0, so
//      the results outside are the same). NaN passes through the clamp.
//   2. Reduction: k = round(x * N / ln2), N = kExpTableSize = 128, by the
//      1.5 x 2^52 magic number (z + shift - shift; the rounded integer is
//      also read from the low bits of z + shift). r = (x - k*hi) - k*lo
//      with hi + lo = ln2/N, hi having 35 significant bits, so k*hi is exact
//      (|k| < 2^18) and x - k*hi is exact (Sterbenz); r is rounded once.
//      |r| <= ln2/(2N) (+ a rounding of z).
//   3. exp(x) = 2^(k/N) * exp(r). With i = k mod N and e = (k - i)/N:
//      2^(i/N) = S_i (1 + t_i), S_i = 2^(i/N) rounded to double, t_i its
//      relative tail rounded to double (kExpTail); kExpBits holds
//      bits(S_i) - i * 2^45, so bits(S_i) + e * 2^52 = kExpBits[i] + k * 2^45
//      (64-bit wrap-around arithmetic, exact for the exponents reached).
//      Both tables were generated with mpmath at 400 bits (the tails as the
//      exact tail rounded to nearest); transcendental_test re-derives them
//      from libquadmath's exp2q.
//   4. exp(r) - 1 ~ r + C2 r^2 + C3 r^3 + C4 r^4 + C5 r^5, the Taylor
//      coefficients 1/k! rounded to double (truncation error < 5.5e-19 for
//      |r| <= ln2/256, i.e. < 0.003 ulp). Evaluated as
//        tmp = ((t_i + r) + r2 * (C2 + r * C3)) + (r2 * r2) * (C4 + r * C5),
//        r2 = r * r,
//      and y = scale + scale * tmp with scale = S_i 2^e; the product t_i * r
//      (< 2^-60.5) is dropped.
//   5. Range of the result, without branches: for x < 0, scale is built
//      2^960 too large, and for x >= 0 2^64 too small, so it is always a
//      normal number in [2^-117, 2^961) (2^(k/N) itself is not representable
//      near either end); the two biases differ by 2^1024, so they and the
//      factors that undo them come from x's sign bit by integer arithmetic
//      (no select); y is multiplied back by 2^-960 or 2^64 (exact, or
//      the IEEE overflow to +inf above ~709.78). The biased products are the
//      unbiased ones scaled exactly (none is subnormal unless it is below
//      2^-960 of y, where it does not matter). A subnormal result (x below
//      -708.39) is gradual underflow by that last multiplication, so it is
//      rounded twice (y to 53 bits, then to the subnormal grid): its error
//      is < 0.5 + 0.26 ulp of the subnormal spacing (measured: 0.75).
//      glibc's specialcase removes the double rounding by carrying y's exact
//      error into 1 + y (10 more operations); measured here it made the
//      vector exp 30% slower and the OGRS3 kernel 15%, for results the
//      models never produce (|z| < 100), so it is not done.
//   6. exp(NaN) = NaN (x + x, the input quieted: selected, so the payload
//      does not depend on which operand order the compiler gave a product
//      of two NaNs), exp(+inf) = +inf, exp(-inf) = +0, exp(-0) = 1.
//
// Log(x), fdlibm's e_log.c reduction and polynomial, with the leading
// terms carried in double-double (no table):
//   1. Subnormal x is scaled by 2^54 (exact) and k starts at -54.
//   2. x = 2^k m with m in [sqrt(2)/2, sqrt(2)) (the mantissa compared
//      with sqrt(2) rounded): from the bit pattern minus that of sqrt(2)/2
//      (ARM's log), its top 12 bits are k in two's complement, turned into
//      a double by the 2^52 magic number (no integer conversion, no
//      arithmetic shift), and m is x with k subtracted from its exponent.
//   3. f = m - 1 (exact). log(m) = log(1+f) = 2 atanh(s), s = f / (2 + f).
//      s is computed as s_hi + s_lo: 2 + f as an exact sum d_hi + d_lo
//      (Fast2Sum), s_hi = f / d_hi, and the remainder f - s_hi (d_hi + d_lo)
//      with s_hi * d_hi exact (Dekker's TwoProduct with Veltkamp splitting),
//      s_lo = remainder / d_hi. (Replacing either division by a product
//      with 1 / d_hi or with (1 - s_hi) / 2 saves ~10 % of the latency but
//      rounds 0.7 % of the results for x within a few ulp of 1, where log
//      lies within ~2^-100 ulp of a midpoint, the wrong way instead of
//      0.03 %: those cases need s_lo to its last bit.)
//   4. log(1+f) = 2 s + s R(s^2), R(z) = Lg1 z + ... + Lg7 z^7: fdlibm's
//      Remez coefficients (e_log.c, Sun Microsystems 1993; their decimal and
//      hex spellings agree), |2s + s R - log(1+f)| < 2^-59.4 |log(1+f)| on
//      the range (checked with mpmath). R = t2 + t1 as in e_log.c: t1 =
//      w^2 (Lg2 + w^2 (Lg4 + w^2 Lg6)), t2 = w (Lg1 + w^2 (Lg3 + w^2 (Lg5 +
//      w^2 Lg7))), w = s_hi^2, each in Horner form.
//   5. log(x) = k ln2_hi + 2 s_hi (both exact; ln2_hi has 32 significant
//      bits, k <= 1077), summed exactly (Knuth's TwoSum) into h + err, then
//        result = h + (err + (k ln2_lo + ((2 s_lo) (1 + w) + s_hi R))),
//      w = s_hi^2; (1 + w) is s_lo's share of d(2s + sR)/ds = 2/(1 - s^2).
//      Only the last addition rounds at the result's scale; the small terms
//      add < 0.03 ulp (see Accuracy).
//   6. log(+-0) = -inf, log(x < 0) = NaN (the default quiet NaN),
//      log(+inf) = +inf, log(NaN) = x + x, log(1) = +0.
//
// Accuracy, measured by //scoring:transcendental_test against the
// correctly rounded value (libquadmath's expq / logq in binary128, rounded
// to double), on 10^7 deterministic pseudo-random points per function, half
// of them where the models live (exp: [-40, 40]; log: [1e-3, 1e3]
// log-uniform), the rest over exp: [-745.2, 709.8], subnormal results and
// |x| in [2^-60, 1]; log: (0, 1e6], [2^-1022, 1e6], 1 +- [2^-60, 2^-3],
// subnormal x and every positive finite double; plus the special values.
// The test asserts < 1 ulp; it prints (ulp of the exact value; for
// subnormal results, of the subnormal spacing):
//   Exp: max 0.512 ulp for normal results (99.89 % correctly rounded in
//        [-40, 40]), 0.751 ulp for subnormal results (step 5); mean 0.248
//        ulp; 99.79 % correctly rounded overall.
//   Log: max 0.523 ulp, mean 0.245 ulp, 99.96 % correctly rounded.
// These agree with the error analysis: Exp < 0.5 + 1.11/N + 0.003 = 0.512
// ulp for normal results (the bound ARM derives for this scheme: the table
// tails, the dropped t_i r, the rounding of r and tmp), < 0.76 ulp for
// subnormal ones; Log < 0.5 + ~0.03 ulp (the largest excess is where k ln2
// and log(m) nearly cancel to ~0.35: the small terms' last rounding, 2^-60,
// against an ulp of 2^-54).
//
// Speed (scalar, -O2, this project's AMD EPYC; throughput / latency): Exp
// ~4 / 14 ns (glibc's exp ~6 / 12 ns); Log ~15 / 32 ns (glibc's log ~5 / 15
// ns: the division, Dekker's product and the double-double sums cost
// that). Log is used by the scalar feature derivation and the scalar linear
// predictors, never by the kernels.
#ifndef ASSAY_SCORING_TRANSCENDENTAL_H_
#define ASSAY_SCORING_TRANSCENDENTAL_H_

#include <bit>
#include <cstdint>
#include <limits>

namespace assay::scoring {
namespace transcendental {

// ---------------------------------------------------------------------------
// Constants. Bit patterns are given where the exact value matters.

inline constexpr int kExpTableBits = 7;
inline constexpr int kExpTableSize = 1 << kExpTableBits;  // N
inline constexpr double kExpShift = 0x1.8p52;              // 1.5 x 2^52
inline constexpr double kExpInvLn2N = 0x1.71547652b82fep+7;  // N / ln2
inline constexpr double kExpLn2HiN = 0x1.62e42fef80000p-8;   // ln2/N, 35 bits
inline constexpr double kExpLn2LoN = 0x1.1cf79abc9e3b4p-43;  // ln2/N - hi
inline constexpr double kExpC2 = 0x1.0000000000000p-1;       // 1/2
inline constexpr double kExpC3 = 0x1.5555555555555p-3;       // 1/6
inline constexpr double kExpC4 = 0x1.5555555555555p-5;       // 1/24
inline constexpr double kExpC5 = 0x1.1111111111111p-7;       // 1/120
// Beyond these, exp is +inf / +0 whatever x is (see step 1).
inline constexpr double kExpClampHigh = 710.0;
inline constexpr double kExpClampLow = -746.0;
// Step 5: the bias of the exponent field, -64 (as 2^12 - 64 modulo 2^12)
// for x >= 0 and -64 + 1024 = +960 for x < 0, and the factor that undoes
// it, 2^64 (bits) or, 1024 lower in the exponent, 2^-960.
inline constexpr uint64_t kExpBiasBits = uint64_t{4096 - 64} << 52;
inline constexpr uint64_t kExpUnbiasBits = uint64_t{1023 + 64} << 52;  // 2^64

// t_i: the relative tail of 2^(i/N) beyond S_i, as bit patterns.
alignas(64) inline constexpr uint64_t kExpTail[kExpTableSize] = {
    0x0000000000000000, 0x3c9b3b4f1a88bf6e, 0xbc7160139cd8dc5d, 0xbc905e7a108766d1,
    0x3c8cd2523567f613, 0xbc8bce8023f98efa, 0x3c60f74e61e6c861, 0x3c90a3e45b33d399,
    0x3c979aa65d837b6d, 0x3c8eb51a92fdeffc, 0x3c3ebe3d702f9cd1, 0xbc6a033489906e0b,
    0xbc9556522a2fbd0e, 0xbc5080ef8c4eea55, 0xbc91c923b9d5f416, 0x3c80d3e3e95c55af,
    0xbc801b15eaa59348, 0xbc8f1ff055de323d, 0x3c8b898c3f1353bf, 0xbc96d99c7611eb26,
    0x3c9aecf73e3a2f60, 0xbc8fe782cb86389d, 0x3c8a6f4144a6c38d, 0x3c807a05b0e4047d,
    0x3c968efde3a8a894, 0x3c875e18f274487d, 0x3c80472b981fe7f2, 0xbc96b87b3f71085e,
    0x3c82f7e16d09ab31, 0xbc3d219b1a6fbffa, 0x3c8b3782720c0ab4, 0x3c6e149289cecb8f,
    0x3c834d754db0abb6, 0x3c864201e2ac744c, 0x3c8fdd395dd3f84a, 0xbc86a3803b8e5b04,
    0xbc924aedcc4b5068, 0xbc9907f81b512d8e, 0xbc71d1e83e9436d2, 0xbc991919b3ce1b15,
    0x3c859f48a72a4c6d, 0xbc9312607a28698a, 0xbc58a78f4817895b, 0xbc7c2c9b67499a1b,
    0x3c4363ed60c2ac11, 0x3c9666093b0664ef, 0x3c6ecce1daa10379, 0x3c93ff8e3f0f1230,
    0x3c7690cebb7aafb0, 0x3c931dbdeb54e077, 0xbc8f94340071a38e, 0xbc87deccdc93a349,
    0xbc78dec6bd0f385f, 0xbc861246ec7b5cf6, 0x3c93350518fdd78e, 0x3c7b98b72f8a9b05,
    0x3c9063e1e21c5409, 0x3c34c7855019c6ea, 0x3c9432e62b64c035, 0xbc8ce44a6199769f,
    0xbc8c33c53bef4da8, 0xbc845378892be9ae, 0xbc93cedd78565858, 0x3c5710aa807e1964,
    0xbc93b3efbf5e2228, 0xbc6a12ad8734b982, 0xbc6367efb86da9ee, 0xbc80dc3d54e08851,
    0xbc781f647e5a3ecf, 0xbc86ee4ac08b7db0, 0xbc8619321e55e68a, 0x3c909ccb5e09d4d3,
    0xbc7b32dcb94da51d, 0x3c94ecfd5467c06b, 0x3c65ebe1abd66c55, 0xbc88a1c52fb3cf42,
    0xbc9369b6f13b3734, 0xbc805e843a19ff1e, 0xbc94d450d872576e, 0x3c90ad675b0e8a00,
    0x3c8db72fc1f0eab4, 0xbc65b6609cc5e7ff, 0x3c7bf68359f35f44, 0xbc93091fa71e3d83,
    0xbc5da9b88b6c1e29, 0xbc6c23f97c90b959, 0xbc92434322f4f9aa, 0xbc85ca6cd7668e4b,
    0x3c71affc2b91ce27, 0x3c6dd235e10a73bb, 0xbc87c50422622263, 0x3c8b1c86e3e231d5,
    0xbc91bbd1d3bcbb15, 0x3c90cc319cee31d2, 0x3c8469846e735ab3, 0xbc82dfcd978e9db4,
    0x3c8c1a7792cb3387, 0xbc907b8f4ad1d9fa, 0xbc55c3d956dcaeba, 0xbc90a40e3da6f640,
    0xbc68d6f438ad9334, 0xbc91eee26b588a35, 0x3c74ffd70a5fddcd, 0xbc91bdfbfa9298ac,
    0x3c736eae30af0cb3, 0x3c8ee3325c9ffd94, 0x3c84e08fd10959ac, 0x3c63cdaf384e1a67,
    0x3c676b2c6c921968, 0xbc808a1883ccb5d2, 0xbc8fad5d3ffffa6f, 0xbc900dae3875a949,
    0x3c74a385a63d07a7, 0xbc82919e2040220f, 0x3c8e5a50d5c192ac, 0x3c843a59ac016b4b,
    0xbc82d52107b43e1f, 0xbc892ab93b470dc9, 0x3c74b604603a88d3, 0x3c83c5ec519d7271,
    0xbc8ff7128fd391f0, 0xbc8dae98e223747d, 0x3c8ec3bc41aa2008, 0x3c842b94c3a9eb32,
    0x3c8a64a931d185ee, 0xbc8e37bae43be3ed, 0x3c77893b4d91cd9d, 0x3c5305c14160cc89,
};

// bits(S_i) - i * 2^45.
alignas(64) inline constexpr uint64_t kExpBits[kExpTableSize] = {
    0x3ff0000000000000, 0x3feff63da9fb3335, 0x3fefec9a3e778061, 0x3fefe315e86e7f85,
    0x3fefd9b0d3158574, 0x3fefd06b29ddf6de, 0x3fefc74518759bc8, 0x3fefbe3ecac6f383,
    0x3fefb5586cf9890f, 0x3fefac922b7247f7, 0x3fefa3ec32d3d1a2, 0x3fef9b66affed31b,
    0x3fef9301d0125b51, 0x3fef8abdc06c31cc, 0x3fef829aaea92de0, 0x3fef7a98c8a58e51,
    0x3fef72b83c7d517b, 0x3fef6af9388c8dea, 0x3fef635beb6fcb75, 0x3fef5be084045cd4,
    0x3fef54873168b9aa, 0x3fef4d5022fcd91d, 0x3fef463b88628cd6, 0x3fef3f49917ddc96,
    0x3fef387a6e756238, 0x3fef31ce4fb2a63f, 0x3fef2b4565e27cdd, 0x3fef24dfe1f56381,
    0x3fef1e9df51fdee1, 0x3fef187fd0dad990, 0x3fef1285a6e4030b, 0x3fef0cafa93e2f56,
    0x3fef06fe0a31b715, 0x3fef0170fc4cd831, 0x3feefc08b26416ff, 0x3feef6c55f929ff1,
    0x3feef1a7373aa9cb, 0x3feeecae6d05d866, 0x3feee7db34e59ff7, 0x3feee32dc313a8e5,
    0x3feedea64c123422, 0x3feeda4504ac801c, 0x3feed60a21f72e2a, 0x3feed1f5d950a897,
    0x3feece086061892d, 0x3feeca41ed1d0057, 0x3feec6a2b5c13cd0, 0x3feec32af0d7d3de,
    0x3feebfdad5362a27, 0x3feebcb299fddd0d, 0x3feeb9b2769d2ca7, 0x3feeb6daa2cf6642,
    0x3feeb42b569d4f82, 0x3feeb1a4ca5d920f, 0x3feeaf4736b527da, 0x3feead12d497c7fd,
    0x3feeab07dd485429, 0x3feea9268a5946b7, 0x3feea76f15ad2148, 0x3feea5e1b976dc09,
    0x3feea47eb03a5585, 0x3feea34634ccc320, 0x3feea23882552225, 0x3feea155d44ca973,
    0x3feea09e667f3bcd, 0x3feea012750bdabf, 0x3fee9fb23c651a2f, 0x3fee9f7df9519484,
    0x3fee9f75e8ec5f74, 0x3fee9f9a48a58174, 0x3fee9feb564267c9, 0x3feea0694fde5d3f,
    0x3feea11473eb0187, 0x3feea1ed0130c132, 0x3feea2f336cf4e62, 0x3feea427543e1a12,
    0x3feea589994cce13, 0x3feea71a4623c7ad, 0x3feea8d99b4492ed, 0x3feeaac7d98a6699,
    0x3feeace5422aa0db, 0x3feeaf3216b5448c, 0x3feeb1ae99157736, 0x3feeb45b0b91ffc6,
    0x3feeb737b0cdc5e5, 0x3feeba44cbc8520f, 0x3feebd829fde4e50, 0x3feec0f170ca07ba,
    0x3feec49182a3f090, 0x3feec86319e32323, 0x3feecc667b5de565, 0x3feed09bec4a2d33,
    0x3feed503b23e255d, 0x3feed99e1330b358, 0x3feede6b5579fdbf, 0x3feee36bbfd3f37a,
    0x3feee89f995ad3ad, 0x3feeee07298db666, 0x3feef3a2b84f15fb, 0x3feef9728de5593a,
    0x3feeff76f2fb5e47, 0x3fef05b030a1064a, 0x3fef0c1e904bc1d2, 0x3fef12c25bd71e09,
    0x3fef199bdd85529c, 0x3fef20ab5fffd07a, 0x3fef27f12e57d14b, 0x3fef2f6d9406e7b5,
    0x3fef3720dcef9069, 0x3fef3f0b555dc3fa, 0x3fef472d4a07897c, 0x3fef4f87080d89f2,
    0x3fef5818dcfba487, 0x3fef60e316c98398, 0x3fef69e603db3285, 0x3fef7321f301b460,
    0x3fef7c97337b9b5f, 0x3fef864614f5a129, 0x3fef902ee78b3ff6, 0x3fef9a51fbc74c83,
    0x3fefa4afa2a490da, 0x3fefaf482d8e67f1, 0x3fefba1bee615a27, 0x3fefc52b376bba97,
    0x3fefd0765b6e4540, 0x3fefdbfdad9cbe14, 0x3fefe7c1819e90d8, 0x3feff3c22b8f71f1,
};

// Log.
inline constexpr double kLogLn2Hi = 0x1.62e42fee00000p-1;  // fdlibm ln2_hi, 32 bits
inline constexpr double kLogLn2Lo = 0x1.a39ef35793c76p-33;  // fdlibm ln2_lo
// bits(sqrt(2)/2 rounded): m >= sqrt(2) rounded moves to [sqrt(2)/2, 1).
inline constexpr uint64_t kLogOffsetBits = 0x3fe6a09e667f3bcd;
inline constexpr double kLogLg1 = 0x1.5555555555593p-1;     // 6.666666666666735130e-01
inline constexpr double kLogLg2 = 0x1.999999997fa04p-2;     // 3.999999999940941908e-01
inline constexpr double kLogLg3 = 0x1.2492494229359p-2;     // 2.857142874366239149e-01
inline constexpr double kLogLg4 = 0x1.c71c51d8e78afp-3;     // 2.222219843214978396e-01
inline constexpr double kLogLg5 = 0x1.7466496cb03dep-3;     // 1.818357216161805012e-01
inline constexpr double kLogLg6 = 0x1.39a09d078c69fp-3;     // 1.531383769920937332e-01
inline constexpr double kLogLg7 = 0x1.2f112df3e5244p-3;     // 1.479819860511658591e-01
inline constexpr double kLogSubnormalScale = 0x1p54;
inline constexpr double kVeltkampSplit = 134217729.0;  // 2^27 + 1
// Bit fields of a double.
inline constexpr uint64_t kTwoTo52Bits = 0x4330000000000000;  // bits of 2^52

// ---------------------------------------------------------------------------
// The ops struct for Real = double. A vector ops struct provides the same
// members with the same meaning (engine/kernels/kernel_impl.h):
//   Real, Bits (64-bit unsigned pattern per lane), Mask (result of a
//   comparison of two Reals);
//   ToBits / FromBits: reinterpret, no conversion;
//   Select(m, a, b): a where m, else b (bit copy);
//   IsNan(x): x is a NaN (an unordered comparison);
//   Lookup(table, index): table[index] per lane, index in [0, table size).
struct DoubleOps {
  using Real = double;
  using Bits = uint64_t;
  using Mask = bool;
  static Bits ToBits(Real x) { return std::bit_cast<Bits>(x); }
  static Real FromBits(Bits b) { return std::bit_cast<Real>(b); }
  static Real Select(Mask m, Real a, Real b) { return m ? a : b; }
  static Mask IsNan(Real x) { return x != x; }
  static Bits Lookup(const uint64_t* table, Bits index) { return table[index]; }
};

// ---------------------------------------------------------------------------
// The implementations. Only Ops members, operators and literals: no other
// function is called (so a kernel translation unit compiled with AVX-512
// flags instantiates nothing outside its own architecture's templates).

template <class Ops>
inline typename Ops::Real Exp(typename Ops::Real x) {
  using Real = typename Ops::Real;
  using Bits = typename Ops::Bits;
  // 1. Clamp (comparisons with NaN are false: NaN passes).
  Real xc = Ops::Select(x > Real(kExpClampHigh), Real(kExpClampHigh), x);
  xc = Ops::Select(xc < Real(kExpClampLow), Real(kExpClampLow), xc);
  // 2. k = round(x N / ln2); r = x - k ln2/N.
  const Real z = xc * Real(kExpInvLn2N);
  const Real shifted = z + Real(kExpShift);
  const Bits ki = Ops::ToBits(shifted);  // k in the low bits (two's complement)
  const Real kd = shifted - Real(kExpShift);
  const Real r = (xc - kd * Real(kExpLn2HiN)) - kd * Real(kExpLn2LoN);
  // 3. 2^(k/N) = scale (1 + tail).
  const Bits index = ki & Bits(kExpTableSize - 1);
  const Real tail = Ops::FromBits(Ops::Lookup(kExpTail, index));
  const Bits sbits = Ops::Lookup(kExpBits, index) + (ki << (52 - kExpTableBits));
  // 4. tmp ~ tail + exp(r) - 1.
  const Real r2 = r * r;
  const Real tmp = ((tail + r) + r2 * (Real(kExpC2) + r * Real(kExpC3))) +
                   (r2 * r2) * (Real(kExpC4) + r * Real(kExpC5));
  // 5. The biased scale is always normal; y = scale (1 + tmp), then unbiased.
  // The bias comes from x's sign bit by integer arithmetic, not a select:
  // the scalar code would branch on it, and z's sign is unpredictable.
  const Bits sign62 = (Ops::ToBits(xc) >> 63) << 62;  // 1024 << 52 when x < 0
  const Real scale = Ops::FromBits(sbits + (Bits(kExpBiasBits) + sign62));
  const Real y = scale + scale * tmp;
  const Real unbias = Ops::FromBits(Bits(kExpUnbiasBits) - sign62);
  // 6. NaN: the input's, quieted.
  return Ops::Select(Ops::IsNan(x), x + x, y * unbias);
}

template <class Ops>
inline typename Ops::Real Log(typename Ops::Real x) {
  using Real = typename Ops::Real;
  using Bits = typename Ops::Bits;
  // 1. Subnormals (and zero, replaced below) scaled into the normal range.
  const typename Ops::Mask tiny = x < Real(0x1p-1022);
  const Real xs = Ops::Select(tiny, x * Real(kLogSubnormalScale), x);
  // 2. x = 2^k m, m in [sqrt(2)/2, sqrt(2)), by integer arithmetic (no
  // select, so no data-dependent branch in the scalar code): with
  // t = bits(x) - bits(sqrt(2)/2), k = t >> 52 (arithmetic, 12 bits) and m
  // = x with k taken off its exponent field.
  const Bits bits = Ops::ToBits(xs);
  const Bits t = bits - Bits(kLogOffsetBits);
  const Bits k12 = t >> 52;  // k modulo 2^12
  Real k = Ops::FromBits((k12 ^ Bits(0x800)) | Bits(kTwoTo52Bits)) - Real(0x1p52 + 2048.0);
  k = k - Ops::Select(tiny, Real(54.0), Real(0.0));
  const Real m = Ops::FromBits(bits - (k12 << 52));
  // 3. f = m - 1 exactly; s = f / (2 + f) as s_hi + s_lo.
  const Real f = m - Real(1.0);
  const Real d_hi = Real(2.0) + f;
  const Real d_lo = f - (d_hi - Real(2.0));
  const Real s_hi = f / d_hi;
  // Dekker's TwoProduct: s_hi * d_hi = p_hi + p_lo exactly.
  const Real sc = s_hi * Real(kVeltkampSplit);
  const Real s_big = sc - (sc - s_hi);
  const Real s_small = s_hi - s_big;
  const Real dc = d_hi * Real(kVeltkampSplit);
  const Real d_big = dc - (dc - d_hi);
  const Real d_small = d_hi - d_big;
  const Real p_hi = s_hi * d_hi;
  const Real p_lo = (((s_big * d_big - p_hi) + s_big * d_small) + s_small * d_big) + s_small * d_small;
  const Real remainder = ((f - p_hi) - p_lo) - s_hi * d_lo;
  const Real s_lo = remainder / d_hi;
  // 4. log(1+f) = 2 s + s R(s^2), R split into odd and even powers as
  // fdlibm does (half the latency of one Horner chain).
  const Real w = s_hi * s_hi;
  const Real w2 = w * w;
  const Real t1 = w2 * (Real(kLogLg2) + w2 * (Real(kLogLg4) + w2 * Real(kLogLg6)));
  const Real t2 = w * (Real(kLogLg1) + w2 * (Real(kLogLg3) + w2 * (Real(kLogLg5) + w2 * Real(kLogLg7))));
  const Real poly = t2 + t1;
  // 5. k ln2_hi + 2 s_hi exactly (TwoSum), the small terms, one rounding.
  const Real a = k * Real(kLogLn2Hi);
  const Real b = Real(2.0) * s_hi;
  const Real h = a + b;
  const Real b_virtual = h - a;
  const Real a_virtual = h - b_virtual;
  const Real err = (a - a_virtual) + (b - b_virtual);
  // d(2s + s R(s^2))/ds = 2 / (1 - s^2) = 2 (1 + w + ...): s_lo's share.
  const Real s_lo_term = (Real(2.0) * s_lo) * (Real(1.0) + w);
  const Real small = err + (k * Real(kLogLn2Lo) + (s_lo_term + s_hi * poly));
  Real result = h + small;
  // 6. Special values.
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  result = Ops::Select(x == Real(0.0), Real(-kInf), result);
  result = Ops::Select(x < Real(0.0), Real(kNan), result);
  result = Ops::Select(x == Real(kInf), Real(kInf), result);
  result = Ops::Select(Ops::IsNan(x), x + x, result);
  return result;
}

}  // namespace transcendental

// The scalar reference's exp and log: bit-identical to every SIMD lane.
inline double Exp(double x) { return transcendental::Exp<transcendental::DoubleOps>(x); }
inline double Log(double x) { return transcendental::Log<transcendental::DoubleOps>(x); }

}  // namespace assay::scoring

#endif  // ASSAY_SCORING_TRANSCENDENTAL_H_

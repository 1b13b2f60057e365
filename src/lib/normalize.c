/* normalize.c — UTF-8 to normalized match tokens (see normalize.h).
 *
 * One pass, table-driven: ASCII through a 128-entry class table, other
 * code points decoded inline and folded through per-block tables (Latin-1
 * Supplement and Latin Extended-A/B, Latin Extended Additional, Greek,
 * Cyrillic) or block rules (punctuation, symbols, marks). Owns those
 * tables; holds no state beyond the caller's iterator.
 */
#include "normalize.h"

#include <string.h>

/* What a character does to the token stream. */
enum { ACT_APPEND, ACT_SEP, ACT_WS, ACT_DROP, ACT_SYM, ACT_DASH };

/* ASCII: a lowercase letter or digit to append, or one of these codes. */
#define A_SEP 0
#define A_WS 1
#define A_DASH 2
static const unsigned char ascii_fold[128] = {
    /* controls: \t \n \v \f \r are whitespace */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* space ! " # $ % & ' ( ) * + , - . / */
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0,
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0, 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0,
};

/* The tables below were derived with Python's unicodedata: NFKD, combining
 * marks removed, lowercased; letters without an ASCII decomposition by
 * hand (æ ae, ø o, ł l, đ ð d, þ th, ß ẞ ss, œ oe, ı i, ħ h, ŧ t, ſ s...).
 * Latin strings: "" separator, "\x01" dropped (soft hyphen), "\x02" the
 * copyright symbol token, otherwise the replacement (UTF-8, <= 3 bytes).
 * Greek/Cyrillic: the lowercase code point, 0 separator, 1 dropped
 * (combining signs); Greek loses tonos and dialytika, final sigma becomes
 * σ, Cyrillic ё becomes е (й is a letter of its own and stays). */
static const char fold_latin[0x1D0][4] = {
  /* 0080 */ "", "", "", "", "", "", "", "",
  /* 0088 */ "", "", "", "", "", "", "", "",
  /* 0090 */ "", "", "", "", "", "", "", "",
  /* 0098 */ "", "", "", "", "", "", "", "",
  /* 00A0 */ "", "", "", "", "", "", "", "",
  /* 00A8 */ "", "\x02", "a", "", "", "\x01", "", "",
  /* 00B0 */ "", "", "2", "3", "", "\xce\xbc", "", "",
  /* 00B8 */ "", "1", "o", "", "", "", "", "",
  /* 00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
  /* 00C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
  /* 00D0 */ "d", "n", "o", "o", "o", "o", "o", "",
  /* 00D8 */ "o", "u", "u", "u", "u", "y", "th", "ss",
  /* 00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
  /* 00E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
  /* 00F0 */ "d", "n", "o", "o", "o", "o", "o", "",
  /* 00F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
  /* 0100 */ "a", "a", "a", "a", "a", "a", "c", "c",
  /* 0108 */ "c", "c", "c", "c", "c", "c", "d", "d",
  /* 0110 */ "d", "d", "e", "e", "e", "e", "e", "e",
  /* 0118 */ "e", "e", "e", "e", "g", "g", "g", "g",
  /* 0120 */ "g", "g", "g", "g", "h", "h", "h", "h",
  /* 0128 */ "i", "i", "i", "i", "i", "i", "i", "i",
  /* 0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
  /* 0138 */ "k", "l", "l", "l", "l", "l", "l", "l",
  /* 0140 */ "l", "l", "l", "n", "n", "n", "n", "n",
  /* 0148 */ "n", "n", "n", "n", "o", "o", "o", "o",
  /* 0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
  /* 0158 */ "r", "r", "s", "s", "s", "s", "s", "s",
  /* 0160 */ "s", "s", "t", "t", "t", "t", "t", "t",
  /* 0168 */ "u", "u", "u", "u", "u", "u", "u", "u",
  /* 0170 */ "u", "u", "u", "u", "w", "w", "y", "y",
  /* 0178 */ "y", "z", "z", "z", "z", "z", "z", "s",
  /* 0180 */ "b", "\xc9\x93", "\xc6\x83", "\xc6\x83", "\xc6\x85", "\xc6\x85", "\xc9\x94", "\xc6\x88",
  /* 0188 */ "\xc6\x88", "\xc9\x96", "\xc9\x97", "\xc6\x8c", "\xc6\x8c", "\xc6\x8d", "\xc7\x9d", "\xc9\x99",
  /* 0190 */ "\xc9\x9b", "\xc6\x92", "f", "\xc9\xa0", "\xc9\xa3", "\xc6\x95", "\xc9\xa9", "\xc9\xa8",
  /* 0198 */ "\xc6\x99", "\xc6\x99", "l", "\xc6\x9b", "\xc9\xaf", "\xc9\xb2", "\xc6\x9e", "\xc9\xb5",
  /* 01A0 */ "o", "o", "\xc6\xa3", "\xc6\xa3", "\xc6\xa5", "\xc6\xa5", "\xca\x80", "\xc6\xa8",
  /* 01A8 */ "\xc6\xa8", "\xca\x83", "\xc6\xaa", "\xc6\xab", "\xc6\xad", "\xc6\xad", "\xca\x88", "u",
  /* 01B0 */ "u", "\xca\x8a", "\xca\x8b", "\xc6\xb4", "\xc6\xb4", "\xc6\xb6", "\xc6\xb6", "\xca\x92",
  /* 01B8 */ "\xc6\xb9", "\xc6\xb9", "\xc6\xba", "\xc6\xbb", "\xc6\xbd", "\xc6\xbd", "\xc6\xbe", "\xc6\xbf",
  /* 01C0 */ "\xc7\x80", "\xc7\x81", "\xc7\x82", "\xc7\x83", "dz", "dz", "dz", "lj",
  /* 01C8 */ "lj", "lj", "nj", "nj", "nj", "a", "a", "i",
  /* 01D0 */ "i", "o", "o", "u", "u", "u", "u", "u",
  /* 01D8 */ "u", "u", "u", "u", "u", "\xc7\x9d", "a", "a",
  /* 01E0 */ "a", "a", "\xc3\xa6", "\xc3\xa6", "\xc7\xa5", "\xc7\xa5", "g", "g",
  /* 01E8 */ "k", "k", "o", "o", "o", "o", "\xca\x92", "\xca\x92",
  /* 01F0 */ "j", "dz", "dz", "dz", "g", "g", "\xc6\x95", "\xc6\xbf",
  /* 01F8 */ "n", "n", "a", "a", "\xc3\xa6", "\xc3\xa6", "\xc3\xb8", "\xc3\xb8",
  /* 0200 */ "a", "a", "a", "a", "e", "e", "e", "e",
  /* 0208 */ "i", "i", "i", "i", "o", "o", "o", "o",
  /* 0210 */ "r", "r", "r", "r", "u", "u", "u", "u",
  /* 0218 */ "s", "s", "t", "t", "\xc8\x9d", "\xc8\x9d", "h", "h",
  /* 0220 */ "\xc6\x9e", "\xc8\xa1", "\xc8\xa3", "\xc8\xa3", "\xc8\xa5", "\xc8\xa5", "a", "a",
  /* 0228 */ "e", "e", "o", "o", "o", "o", "o", "o",
  /* 0230 */ "o", "o", "y", "y", "\xc8\xb4", "\xc8\xb5", "\xc8\xb6", "\xc8\xb7",
  /* 0238 */ "\xc8\xb8", "\xc8\xb9", "\xe2\xb1\xa5", "\xc8\xbc", "c", "\xc6\x9a", "\xe2\xb1\xa6", "\xc8\xbf",
  /* 0240 */ "\xc9\x80", "\xc9\x82", "\xc9\x82", "\xc6\x80", "\xca\x89", "\xca\x8c", "\xc9\x87", "e",
  /* 0248 */ "\xc9\x89", "\xc9\x89", "\xc9\x8b", "\xc9\x8b", "\xc9\x8d", "r", "\xc9\x8f", "y",
};

static const char fold_latin_add[0x100][4] = {
  /* 1E00 */ "a", "a", "b", "b", "b", "b", "b", "b",
  /* 1E08 */ "c", "c", "d", "d", "d", "d", "d", "d",
  /* 1E10 */ "d", "d", "d", "d", "e", "e", "e", "e",
  /* 1E18 */ "e", "e", "e", "e", "e", "e", "f", "f",
  /* 1E20 */ "g", "g", "h", "h", "h", "h", "h", "h",
  /* 1E28 */ "h", "h", "h", "h", "i", "i", "i", "i",
  /* 1E30 */ "k", "k", "k", "k", "k", "k", "l", "l",
  /* 1E38 */ "l", "l", "l", "l", "l", "l", "m", "m",
  /* 1E40 */ "m", "m", "m", "m", "n", "n", "n", "n",
  /* 1E48 */ "n", "n", "n", "n", "o", "o", "o", "o",
  /* 1E50 */ "o", "o", "o", "o", "p", "p", "p", "p",
  /* 1E58 */ "r", "r", "r", "r", "r", "r", "r", "r",
  /* 1E60 */ "s", "s", "s", "s", "s", "s", "s", "s",
  /* 1E68 */ "s", "s", "t", "t", "t", "t", "t", "t",
  /* 1E70 */ "t", "t", "u", "u", "u", "u", "u", "u",
  /* 1E78 */ "u", "u", "u", "u", "v", "v", "v", "v",
  /* 1E80 */ "w", "w", "w", "w", "w", "w", "w", "w",
  /* 1E88 */ "w", "w", "x", "x", "x", "x", "y", "y",
  /* 1E90 */ "z", "z", "z", "z", "z", "z", "h", "t",
  /* 1E98 */ "w", "y", "\x61\xca\xbe", "s", "\xe1\xba\x9c", "\xe1\xba\x9d", "ss", "\xe1\xba\x9f",
  /* 1EA0 */ "a", "a", "a", "a", "a", "a", "a", "a",
  /* 1EA8 */ "a", "a", "a", "a", "a", "a", "a", "a",
  /* 1EB0 */ "a", "a", "a", "a", "a", "a", "a", "a",
  /* 1EB8 */ "e", "e", "e", "e", "e", "e", "e", "e",
  /* 1EC0 */ "e", "e", "e", "e", "e", "e", "e", "e",
  /* 1EC8 */ "i", "i", "i", "i", "o", "o", "o", "o",
  /* 1ED0 */ "o", "o", "o", "o", "o", "o", "o", "o",
  /* 1ED8 */ "o", "o", "o", "o", "o", "o", "o", "o",
  /* 1EE0 */ "o", "o", "o", "o", "u", "u", "u", "u",
  /* 1EE8 */ "u", "u", "u", "u", "u", "u", "u", "u",
  /* 1EF0 */ "u", "u", "y", "y", "y", "y", "y", "y",
  /* 1EF8 */ "y", "y", "\xe1\xbb\xbb", "\xe1\xbb\xbb", "\xe1\xbb\xbd", "\xe1\xbb\xbd", "\xe1\xbb\xbf", "\xe1\xbb\xbf",
};

static const uint16_t fold_greek[0x90] = {
  /* 0370 */ 0x0371, 0x0371, 0x0373, 0x0373, 0x0000, 0x0000, 0x0377, 0x0377,
  /* 0378 */ 0x0000, 0x0000, 0x037A, 0x037B, 0x037C, 0x037D, 0x0000, 0x03F3,
  /* 0380 */ 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x03B1, 0x0000,
  /* 0388 */ 0x03B5, 0x03B7, 0x03B9, 0x0000, 0x03BF, 0x0000, 0x03C5, 0x03C9,
  /* 0390 */ 0x03B9, 0x03B1, 0x03B2, 0x03B3, 0x03B4, 0x03B5, 0x03B6, 0x03B7,
  /* 0398 */ 0x03B8, 0x03B9, 0x03BA, 0x03BB, 0x03BC, 0x03BD, 0x03BE, 0x03BF,
  /* 03A0 */ 0x03C0, 0x03C1, 0x0000, 0x03C3, 0x03C4, 0x03C5, 0x03C6, 0x03C7,
  /* 03A8 */ 0x03C8, 0x03C9, 0x03B9, 0x03C5, 0x03B1, 0x03B5, 0x03B7, 0x03B9,
  /* 03B0 */ 0x03C5, 0x03B1, 0x03B2, 0x03B3, 0x03B4, 0x03B5, 0x03B6, 0x03B7,
  /* 03B8 */ 0x03B8, 0x03B9, 0x03BA, 0x03BB, 0x03BC, 0x03BD, 0x03BE, 0x03BF,
  /* 03C0 */ 0x03C0, 0x03C1, 0x03C3, 0x03C3, 0x03C4, 0x03C5, 0x03C6, 0x03C7,
  /* 03C8 */ 0x03C8, 0x03C9, 0x03B9, 0x03C5, 0x03BF, 0x03C5, 0x03C9, 0x03D7,
  /* 03D0 */ 0x03D0, 0x03D1, 0x03D2, 0x03D2, 0x03D2, 0x03D5, 0x03D6, 0x03D7,
  /* 03D8 */ 0x03D9, 0x03D9, 0x03DB, 0x03DB, 0x03DD, 0x03DD, 0x03DF, 0x03DF,
  /* 03E0 */ 0x03E1, 0x03E1, 0x03E3, 0x03E3, 0x03E5, 0x03E5, 0x03E7, 0x03E7,
  /* 03E8 */ 0x03E9, 0x03E9, 0x03EB, 0x03EB, 0x03ED, 0x03ED, 0x03EF, 0x03EF,
  /* 03F0 */ 0x03F0, 0x03F1, 0x03F2, 0x03F3, 0x03B8, 0x03F5, 0x0000, 0x03F8,
  /* 03F8 */ 0x03F8, 0x03F2, 0x03FB, 0x03FB, 0x03FC, 0x037B, 0x037C, 0x037D,
};

static const uint16_t fold_cyrillic[0x130] = {
  /* 0400 */ 0x0435, 0x0435, 0x0452, 0x0453, 0x0454, 0x0455, 0x0456, 0x0457,
  /* 0408 */ 0x0458, 0x0459, 0x045A, 0x045B, 0x045C, 0x0438, 0x045E, 0x045F,
  /* 0410 */ 0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
  /* 0418 */ 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
  /* 0420 */ 0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
  /* 0428 */ 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
  /* 0430 */ 0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
  /* 0438 */ 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
  /* 0440 */ 0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
  /* 0448 */ 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
  /* 0450 */ 0x0435, 0x0435, 0x0452, 0x0453, 0x0454, 0x0455, 0x0456, 0x0457,
  /* 0458 */ 0x0458, 0x0459, 0x045A, 0x045B, 0x045C, 0x0438, 0x045E, 0x045F,
  /* 0460 */ 0x0461, 0x0461, 0x0463, 0x0463, 0x0465, 0x0465, 0x0467, 0x0467,
  /* 0468 */ 0x0469, 0x0469, 0x046B, 0x046B, 0x046D, 0x046D, 0x046F, 0x046F,
  /* 0470 */ 0x0471, 0x0471, 0x0473, 0x0473, 0x0475, 0x0475, 0x0477, 0x0477,
  /* 0478 */ 0x0479, 0x0479, 0x047B, 0x047B, 0x047D, 0x047D, 0x047F, 0x047F,
  /* 0480 */ 0x0481, 0x0481, 0x0000, 0x0001, 0x0001, 0x0001, 0x0001, 0x0001,
  /* 0488 */ 0x0001, 0x0001, 0x048B, 0x048B, 0x048D, 0x048D, 0x048F, 0x048F,
  /* 0490 */ 0x0491, 0x0491, 0x0493, 0x0493, 0x0495, 0x0495, 0x0497, 0x0497,
  /* 0498 */ 0x0499, 0x0499, 0x049B, 0x049B, 0x049D, 0x049D, 0x049F, 0x049F,
  /* 04A0 */ 0x04A1, 0x04A1, 0x04A3, 0x04A3, 0x04A5, 0x04A5, 0x04A7, 0x04A7,
  /* 04A8 */ 0x04A9, 0x04A9, 0x04AB, 0x04AB, 0x04AD, 0x04AD, 0x04AF, 0x04AF,
  /* 04B0 */ 0x04B1, 0x04B1, 0x04B3, 0x04B3, 0x04B5, 0x04B5, 0x04B7, 0x04B7,
  /* 04B8 */ 0x04B9, 0x04B9, 0x04BB, 0x04BB, 0x04BD, 0x04BD, 0x04BF, 0x04BF,
  /* 04C0 */ 0x04CF, 0x04C2, 0x04C2, 0x04C4, 0x04C4, 0x04C6, 0x04C6, 0x04C8,
  /* 04C8 */ 0x04C8, 0x04CA, 0x04CA, 0x04CC, 0x04CC, 0x04CE, 0x04CE, 0x04CF,
  /* 04D0 */ 0x04D1, 0x04D1, 0x04D3, 0x04D3, 0x04D5, 0x04D5, 0x04D7, 0x04D7,
  /* 04D8 */ 0x04D9, 0x04D9, 0x04DB, 0x04DB, 0x04DD, 0x04DD, 0x04DF, 0x04DF,
  /* 04E0 */ 0x04E1, 0x04E1, 0x04E3, 0x04E3, 0x04E5, 0x04E5, 0x04E7, 0x04E7,
  /* 04E8 */ 0x04E9, 0x04E9, 0x04EB, 0x04EB, 0x04ED, 0x04ED, 0x04EF, 0x04EF,
  /* 04F0 */ 0x04F1, 0x04F1, 0x04F3, 0x04F3, 0x04F5, 0x04F5, 0x04F7, 0x04F7,
  /* 04F8 */ 0x04F9, 0x04F9, 0x04FB, 0x04FB, 0x04FD, 0x04FD, 0x04FF, 0x04FF,
  /* 0500 */ 0x0501, 0x0501, 0x0503, 0x0503, 0x0505, 0x0505, 0x0507, 0x0507,
  /* 0508 */ 0x0509, 0x0509, 0x050B, 0x050B, 0x050D, 0x050D, 0x050F, 0x050F,
  /* 0510 */ 0x0511, 0x0511, 0x0513, 0x0513, 0x0515, 0x0515, 0x0517, 0x0517,
  /* 0518 */ 0x0519, 0x0519, 0x051B, 0x051B, 0x051D, 0x051D, 0x051F, 0x051F,
  /* 0520 */ 0x0521, 0x0521, 0x0523, 0x0523, 0x0525, 0x0525, 0x0527, 0x0527,
  /* 0528 */ 0x0529, 0x0529, 0x052B, 0x052B, 0x052D, 0x052D, 0x052F, 0x052F,
};

/* Uppercase letters (bit per code point from the block start), to split
 * words glued at a case change: "surTelegram", "AccepterTout". */
static const uint32_t upper_latin[15] = {
  0x00000000u, 0x00000000u, 0x7F7FFFFFu, 0x00000000u, 0x55555555u, 0xAA555555u,
  0x555554AAu, 0x2B555555u, 0xB1DBCED6u, 0x11AED2D5u, 0x4AAAADB0u, 0x55D65555u,
  0x55555555u, 0x6C055555u, 0x0000557Au,
};

static const uint32_t upper_greek_cyr[14] = {
  0xD7408045u, 0x0FFBFFFEu, 0x80000000u, 0x5555551Cu, 0xFFFFE690u, 0xFFFFFFFFu,
  0x00000000u, 0x55550000u, 0x54015555u, 0x55555555u, 0x2AAB5555u, 0x55555555u,
  0x55555555u, 0x55555555u,
};

static const uint32_t upper_latin_add[8] = {
  0x55555555u, 0x55555555u, 0x55555555u, 0x55555555u, 0x40155555u, 0x55555555u,
  0x55555555u, 0x55555555u,
};


static inline int bit(const uint32_t *b, uint32_t i) { return (b[i >> 5] >> (i & 31)) & 1; }

/* Is this (non-ASCII) code point an uppercase letter? */
static inline int is_upper(uint32_t cp) {
  if (cp < 0x250) return bit(upper_latin, cp - 0x80);
  if (cp >= 0x370 && cp < 0x530) return bit(upper_greek_cyr, cp - 0x370);
  if (cp >= 0x1E00 && cp < 0x1F00) return bit(upper_latin_add, cp - 0x1E00);
  return 0;
}

/* Decodes one code point at *pp (advancing), or returns 0xFFFFFFFF and
 * advances one byte on malformed input. */
static inline uint32_t decode(const unsigned char **pp, const unsigned char *end) {
  const unsigned char *p = *pp;
  uint32_t c = p[0];
  if (c >= 0xC2 && c <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
    *pp = p + 2;
    return ((c & 0x1F) << 6) | (p[1] & 0x3F);
  }
  if (c >= 0xE0 && c <= 0xEF && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
      (p[2] & 0xC0) == 0x80) {
    uint32_t cp = ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (cp >= 0x800) {
      *pp = p + 3;
      return cp;
    }
  }
  if (c >= 0xF0 && c <= 0xF4 && end - p >= 4 && (p[1] & 0xC0) == 0x80 &&
      (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
    uint32_t cp = ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
                  ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    if (cp >= 0x10000 && cp <= 0x10FFFF) {
      *pp = p + 4;
      return cp;
    }
  }
  *pp = p + 1;
  return 0xFFFFFFFFu;
}

static inline unsigned put2(char *o, uint32_t cp) {
  o[0] = (char)(0xC0 | (cp >> 6));
  o[1] = (char)(0x80 | (cp & 0x3F));
  return 2;
}

static inline int latin_act(const char *s, char *o, unsigned *olen) {
  if (!s[0]) return ACT_SEP;
  if (s[0] == 1) return ACT_DROP;
  if (s[0] == 2) return ACT_SYM;
  unsigned n = s[1] ? (s[2] ? 3 : 2) : 1;
  memcpy(o, s, n);
  *olen = n;
  return ACT_APPEND;
}

static inline int table_act(uint16_t m, char *o, unsigned *olen) {
  if (m == 0) return ACT_SEP;
  if (m == 1) return ACT_DROP;
  *olen = put2(o, m);
  return ACT_APPEND;
}

/* Folds a non-ASCII code point (src..src+srclen its bytes): ACT_APPEND
 * puts the replacement in o[0..*olen). Everything not covered by a rule
 * is a letter of some other script and is kept as it is. */
static inline int fold_cp(uint32_t cp, const unsigned char *src, unsigned srclen,
                          char *o, unsigned *olen) {
  if (cp < 0x250) {
    if (cp == 0xA0) return ACT_WS;
    return latin_act(fold_latin[cp - 0x80], o, olen);
  }
  if (cp < 0x2B0) goto keep;       /* IPA */
  if (cp < 0x300) return ACT_SEP;  /* spacing modifiers: ʼ ʻ ˈ ˊ ˜... */
  if (cp < 0x370) return ACT_DROP; /* combining diacritics */
  if (cp < 0x400) return table_act(fold_greek[cp - 0x370], o, olen);
  if (cp < 0x530) return table_act(fold_cyrillic[cp - 0x400], o, olen);
  if (cp < 0x2000) {
    if (cp >= 0x1E00 && cp < 0x1F00) return latin_act(fold_latin_add[cp - 0x1E00], o, olen);
    if (cp >= 0x591 && cp <= 0x5C7) /* Hebrew points; maqaf, paseq, sof pasuq */
      return (cp == 0x5BE || cp == 0x5C0 || cp == 0x5C3 || cp == 0x5C6) ? ACT_SEP : ACT_DROP;
    if (cp == 0x5F3 || cp == 0x5F4) return ACT_SEP;
    if (cp == 0x60C || cp == 0x61B || cp == 0x61F || (cp >= 0x66A && cp <= 0x66D) ||
        cp == 0x6D4)
      return ACT_SEP; /* Arabic punctuation */
    if ((cp >= 0x64B && cp <= 0x65F) || cp == 0x670) return ACT_DROP; /* harakat */
    if (cp == 0x964 || cp == 0x965) return ACT_SEP; /* danda */
    if (cp == 0x1680) return ACT_WS;
    goto keep;
  }
  if (cp < 0x2070) {
    if (cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F)
      return ACT_WS;
    if (cp <= 0x200D || (cp >= 0x2060 && cp <= 0x2064)) return ACT_DROP;
    if (cp >= 0x2010 && cp <= 0x2015) return ACT_DASH;
    return ACT_SEP; /* quotes, apostrophes, bullets, ellipsis... */
  }
  if (cp == 0x2212) return ACT_DASH; /* minus sign */
  if (cp < 0x2C00) return ACT_SEP;   /* super/subscripts, currency, arrows, symbols */
  if (cp >= 0x2E00 && cp < 0x2E80) return ACT_SEP; /* supplemental punctuation */
  if (cp == 0x3000) return ACT_WS;
  if (cp > 0x3000 && cp < 0x3040) return ACT_SEP; /* CJK punctuation */
  if (cp >= 0xE000 && cp < 0xF900) return ACT_SEP; /* private use: icon fonts */
  if (cp >= 0xFE00 && cp < 0xFE10) return ACT_DROP; /* variation selectors */
  if (cp >= 0xFE10 && cp < 0xFE70) return ACT_SEP;  /* small/vertical forms */
  if (cp == 0xFEFF) return ACT_DROP;
  if (cp >= 0xFF01 && cp <= 0xFF5E) { /* fullwidth ASCII */
    unsigned char a = ascii_fold[cp - 0xFEE0];
    if (a <= A_DASH) return ACT_SEP;
    o[0] = (char)a;
    *olen = 1;
    return ACT_APPEND;
  }
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return ACT_SEP; /* specials, U+FFFD */
  if (cp >= 0x1F000 && cp < 0x1FC00) return ACT_SEP; /* emoji, pictographs */
  if (cp >= 0xE0000 && cp < 0xE0080) return ACT_DROP; /* tags */
keep:
  memcpy(o, src, srclen);
  *olen = srclen;
  return ACT_APPEND;
}

static inline int is_ws_at(const unsigned char *p, const unsigned char *end) {
  if (p >= end) return 1;
  if (*p < 0x80) return ascii_fold[*p] == A_WS;
  const unsigned char *q = p;
  uint32_t cp = decode(&q, end);
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Is the character at p a lowercase letter? Checked before splitting at a
 * case change, so "surTelegram" splits but "watchOS" and "iOS" do not. */
static inline int lower_next(const unsigned char *p, const unsigned char *end) {
  if (p >= end) return 0;
  if (*p < 0x80) return *p >= 'a' && *p <= 'z';
  const unsigned char *q = p;
  uint32_t cp = decode(&q, end);
  char o[4];
  unsigned n = 0;
  return cp != 0xFFFFFFFFu && !is_upper(cp) && fold_cp(cp, p, (unsigned)(q - p), o, &n) == ACT_APPEND;
}

void cc_words_init(cc_words *it, const char *utf8, size_t len) {
  it->base = it->p = (const unsigned char *)utf8;
  it->end = it->base + len;
  it->ws = 1;
  it->buf[0] = '\0';
}

int cc_words_next(cc_words *it, cc_token *t) {
  const unsigned char *p = it->p, *end = it->end;
  const unsigned char *start = NULL, *last = NULL;
  unsigned n = 0, digits = 1, full = 0;
  unsigned chars = 0, lower = 0; /* letters so far; the last was lowercase */
  uint64_t h = 14695981039346656037ull;
  int ws = it->ws; /* the character before p was whitespace, or p is the start */
  char rep[4];
  while (p < end) {
    const unsigned char *cs = p;
    unsigned rlen = 0;
    int act;
    unsigned c = *p;
    if (c < 0x80) {
      unsigned char a = ascii_fold[c];
      p++;
      if (a > A_DASH) {
        /* the common case, inline: one lowercase ASCII byte */
        if (c <= 'Z' && c >= 'A') {
          if (lower && chars >= 2 && lower_next(p, end)) { /* "surTelegram": two words */
            p = cs;
            goto word;
          }
          lower = 0;
        } else {
          lower = a > '9';
        }
        chars++;
        if (!start) start = cs;
        h = (h ^ a) * 1099511628211ull;
        if (a > '9') digits = 0;
        if (!full && n + 1 < CC_NORM_WORD_MAX) it->buf[n++] = (char)a;
        else full = 1;
        /* most of a text is lowercase ASCII letters after a letter: they
         * take none of the tests above (no case change to split at, no
         * digit), so they are read in a tight loop, up to what buf holds */
        if (lower && !full) {
          size_t room = CC_NORM_WORD_MAX - 1 - n, left = (size_t)(end - p), k = 0;
          size_t most = room < left ? room : left;
          char *o = it->buf + n;
          while (k < most && (unsigned)(p[k] - 'a') < 26u) {
            h = (h ^ p[k]) * 1099511628211ull;
            o[k] = (char)p[k];
            k++;
          }
          p += k;
          n += (unsigned)k;
          chars += (unsigned)k;
        }
        last = p;
        ws = 0;
        continue;
      }
      act = a == A_WS ? ACT_WS : a == A_DASH ? ACT_DASH : ACT_SEP;
    } else {
      uint32_t cp = decode(&p, end);
      act = cp == 0xFFFFFFFFu ? ACT_SEP : fold_cp(cp, cs, (unsigned)(p - cs), rep, &rlen);
      if (act == ACT_APPEND) {
        int up = is_upper(cp);
        if (up && lower && chars >= 2 && lower_next(p, end)) {
          p = cs;
          goto word;
        }
        lower = !up;
        chars++;
      }
    }
    switch (act) {
    case ACT_APPEND:
      if (!start) start = cs;
      for (unsigned i = 0; i < rlen; i++) {
        unsigned char b = (unsigned char)rep[i];
        h = (h ^ b) * 1099511628211ull;
        if (b < '0' || b > '9') digits = 0;
      }
      if (!full && n + rlen < CC_NORM_WORD_MAX) {
        memcpy(it->buf + n, rep, rlen);
        n += rlen;
      } else {
        full = 1;
      }
      last = p;
      ws = 0;
      continue;
    case ACT_DROP:
      continue;
    case ACT_SYM:
    case ACT_DASH:
      if (start) { /* ends the word; a symbol is read again next call */
        if (act == ACT_SYM) p = cs;
        goto word;
      }
      if (act == ACT_DASH && !(ws && is_ws_at(p, end))) {
        ws = 0;
        continue; /* a hyphen or a dash touching a word: just a separator */
      }
      it->p = p;
      it->ws = 0;
      if (act == ACT_SYM) {
        memcpy(it->buf, "\xc2\xa9", 3);
        t->len = 2;
      } else {
        memcpy(it->buf, "-", 2);
        t->len = 1;
      }
      t->s = it->buf;
      t->kind = CC_TOK_SYM;
      t->hash = cc_norm_hash(it->buf, t->len);
      t->start = (size_t)(cs - it->base);
      t->end = (size_t)(p - it->base);
      return 1;
    default: /* ACT_SEP, ACT_WS */
      ws = act == ACT_WS;
      if (start) goto word;
      continue;
    }
  }
  if (!start) {
    it->p = p;
    it->ws = ws;
    it->buf[0] = '\0';
    return 0;
  }
word:
  it->p = p;
  it->ws = ws;
  it->buf[n] = '\0';
  t->s = it->buf;
  t->len = n;
  t->kind = digits ? CC_TOK_NUM : CC_TOK_WORD;
  t->hash = h;
  t->start = (size_t)(start - it->base);
  t->end = (size_t)(last - it->base);
  return 1;
}

size_t cc_normalize(const char *utf8, size_t len, char *out, size_t cap) {
  cc_words it;
  cc_token t;
  size_t o = 0;
  cc_words_init(&it, utf8, len);
  while (cc_words_next(&it, &t)) {
    size_t need = t.len + (o ? 1 : 0);
    if (o + need + 1 > cap) break;
    if (o) out[o++] = ' ';
    memcpy(out + o, t.s, t.len);
    o += t.len;
  }
  if (cap) out[o] = '\0';
  return o;
}

size_t cc_squash(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  if (!cap) return 0;
  for (size_t i = 0; i < n && o + 1 < cap; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z') c |= 0x20;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) out[o++] = (char)c;
  }
  out[o] = '\0';
  return o;
}

(module
  (memory (export "memory") 1)
  ;; 1 when any byte in [p, end) is outside the standard base64 alphabet (A-Z a-z 0-9 + /), else 0.
  ;; `end - p` must be a multiple of 32; the caller pads with 'A'. Each byte is classified by its
  ;; two nibbles: it is valid exactly when LO[low nibble] & HI[high nibble] is 0 (W. Mula and
  ;; D. Lemire, "Faster Base64 Encoding and Decoding Using AVX2 Instructions", 2018).
  (func (export "invalid") (param $p i32) (param $end i32) (result i32)
    (local $lo v128) (local $hi v128) (local $nibble v128) (local $a v128) (local $b v128)
    (local $bad v128)
    (local.set $lo (v128.const i8x16 0x15 0x11 0x11 0x11 0x11 0x11 0x11 0x11 0x11 0x11 0x13 0x1A 0x1B 0x1B 0x1B 0x1A))
    (local.set $hi (v128.const i8x16 0x10 0x10 0x01 0x02 0x04 0x08 0x04 0x08 0x10 0x10 0x10 0x10 0x10 0x10 0x10 0x10))
    (local.set $nibble (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $a (v128.load (local.get $p)))
        (local.set $b (v128.load offset=16 (local.get $p)))
        (local.set $bad
          (v128.or (local.get $bad)
            (v128.or
              (v128.and
                (i8x16.swizzle (local.get $lo) (v128.and (local.get $a) (local.get $nibble)))
                (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $a) (i32.const 4))))
              (v128.and
                (i8x16.swizzle (local.get $lo) (v128.and (local.get $b) (local.get $nibble)))
                (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $b) (i32.const 4)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $next)))
    (v128.any_true (local.get $bad))))

//! Sorting the annual losses: a radix sort for large non-negative samples.

/// Sorts finite values ascending: a radix sort on the bit patterns of the
/// positive values (for non-negative IEEE doubles the bit order is the value
/// order), the few negative ones (credits received) by comparison.
pub(super) fn sort_losses(values: &mut [f64]) {
    if values.len() < 4_096 || values.iter().any(|v| *v < 0.0) {
        values.sort_unstable_by(f64::total_cmp);
        return;
    }
    let mut keys: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
    let mut buffer = vec![0u64; keys.len()];
    // Six passes of 11 bits cover the 64-bit keys (the sign bit is 0).
    for pass in 0..6u32 {
        let shift = pass.saturating_mul(11);
        let mut counts = vec![0usize; 2_049];
        for k in &keys {
            let digit = usize::try_from((k >> shift) & 0x7FF).unwrap_or(0);
            if let Some(c) = counts.get_mut(digit.saturating_add(1)) {
                *c = c.saturating_add(1);
            }
        }
        if counts.iter().filter(|c| **c != 0).count() <= 1 {
            continue; // every key has the same digit: nothing to move
        }
        for d in 1..counts.len() {
            let previous = counts.get(d.saturating_sub(1)).copied().unwrap_or(0);
            if let Some(c) = counts.get_mut(d) {
                *c = c.saturating_add(previous);
            }
        }
        for k in &keys {
            let digit = usize::try_from((k >> shift) & 0x7FF).unwrap_or(0);
            if let Some(position) = counts.get_mut(digit) {
                if let Some(slot) = buffer.get_mut(*position) {
                    *slot = *k;
                }
                *position = position.saturating_add(1);
            }
        }
        std::mem::swap(&mut keys, &mut buffer);
    }
    for (v, k) in values.iter_mut().zip(keys) {
        *v = f64::from_bits(k);
    }
}

#[cfg(test)]
mod tests {
    use super::sort_losses;

    #[test]
    fn radix_sort_matches_a_comparison_sort() {
        // splitmix64 values scaled to losses of every magnitude, plus ties.
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        let mut v: Vec<f64> = (0..20_000)
            .map(|i| {
                x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = x;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^= z >> 31;
                #[allow(clippy::cast_precision_loss, reason = "a uniform in [0, 1)")]
                let u = (z >> 11) as f64 * 2f64.powi(-53);
                if i % 7 == 0 { 42.5 } else { u * 10f64.powi(i % 12) }
            })
            .collect();
        let mut expected = v.clone();
        expected.sort_unstable_by(f64::total_cmp);
        sort_losses(&mut v);
        assert_eq!(v, expected);
        let mut with_negative = vec![3.0, -1.0, 2.0, -5.0];
        sort_losses(&mut with_negative);
        assert_eq!(with_negative, vec![-5.0, -1.0, 2.0, 3.0]);
    }
}

//! Sorting the annual losses: radix sorts for non-negative samples, through
//! the free space beside the values where the zero years leave it, else in
//! place.

/// Below this many values a comparison sort is faster than another radix pass.
pub(super) const SMALL: usize = 256;

/// Sorts `values[from..]` (finite, non-zero) ascending and returns how many
/// are negative and how much of the free space `values[..from]` it used.
///
/// Non-negative values sort by their bit patterns (for non-negative IEEE
/// doubles the bit order is the value order): when the free space holds them
/// all, a least-significant-digit radix sort on the leading bits of the
/// values' spread, finished within each run of equal leading bits
/// ([`prefix_sort`]), uses it as its buffer; otherwise an in-place
/// most-significant-digit radix sort (the American flag sort of P. M.
/// McIlroy, K. Bostic and M. D. McIlroy, "Engineering radix sort",
/// Computing Systems 6, 1993) needs no buffer at all. Values with negatives
/// among them (credits received) sort by comparison. Memory: counts tables
/// only, nothing per value.
#[cfg(test)]
pub(super) fn sort_losses(values: &mut [f64], from: usize) -> Sorted {
    let (space, data) = values.split_at_mut(from.min(values.len()));
    let negative = data.iter().any(|v| *v < 0.0);
    sort_values(data, space, negative)
}

/// Sorts `data` (finite, non-zero) ascending, using `space` as the radix
/// sort's buffer when it is at least as long, and returns how many values
/// are negative and how much of `space` it used; `negative` says whether
/// any value is (the caller's pass over the values has seen).
pub(super) fn sort_values(data: &mut [f64], space: &mut [f64], negative: bool) -> Sorted {
    if negative {
        data.sort_unstable_by(f64::total_cmp);
        return Sorted { negatives: data.partition_point(|v| *v < 0.0), overwritten: 0 };
    }
    if data.len() < SMALL {
        data.sort_unstable_by(f64::total_cmp);
    } else if let Some(buffer) = space.get_mut(..data.len()) {
        prefix_sort(data, buffer);
        return Sorted { negatives: 0, overwritten: data.len() };
    } else {
        flag_sort(data);
    }
    Sorted { negatives: 0, overwritten: 0 }
}

/// What [`sort_values`] did: how many values are negative, and how many
/// slots of the free space, from its start, it overwrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sorted {
    pub(super) negatives: usize,
    pub(super) overwritten: usize,
}

/// Bits of a radix digit of [`prefix_sort`]: 2 048 buckets, whose counts
/// (8 KiB a pass) stay in the first-level cache.
const DIGIT_BITS: u32 = 11;

/// Buckets of a digit, and the mask of its bits.
const BUCKETS: usize = 1 << DIGIT_BITS;
const DIGIT_MASK: u64 = (1 << DIGIT_BITS) - 1;

/// Digits [`prefix_sort`] sorts by: 22 leading bits of the spread, in two
/// passes (an even number, so the values end where they started, unless a
/// pass is skipped: then they are copied back).
const PREFIX_DIGITS: u32 = 2;

// `prefix_sort` counts and moves by exactly two digits (its `low` and
// `high` histograms): another digit count needs another histogram there.
const _: () = assert!(PREFIX_DIGITS == 2, "prefix_sort has one histogram per digit: two");

/// Runs of equal leading bits up to this long are finished by insertion.
const SHORT_RUN: usize = 16;

/// Sorts `data` (non-negative, finite) through `buffer` (as long as `data`).
///
/// With `lo` and `hi` the smallest and largest bit patterns, each value's
/// key is `bits − lo`; the leading 22 bits of the keys' spread `hi − lo`
/// (two digits of 11 bits) are sorted by a least-significant-digit radix
/// sort (one pass counts both digits, then each digit whose value is not
/// the same for every value moves the data once). That leaves runs of
/// values whose keys share those bits, in no order within a run; each run
/// is then sorted by its full bit patterns: by insertion when it is short
/// (as it is for a spread-out sample: 95 000 lognormal losses give runs of
/// about one value), by this same sort on its own, narrower spread when it
/// is long (each level resolves 22 more bits, so at most three levels), by
/// comparison between the two. Where the spread fits in 22 bits the radix
/// passes alone sort the data. A pass for the range, one counting pass, two
/// passes that move the values and a scan, where a radix sort of all 64
/// bits moves them up to eight times.
fn prefix_sort(data: &mut [f64], buffer: &mut [f64]) {
    let Some(buffer) = buffer.get_mut(..data.len()) else {
        flag_sort(data); // no room beside the values: the in-place sort
        return;
    };
    let (mut lo, mut hi) = (u64::MAX, 0u64);
    for v in data.iter() {
        let bits = v.to_bits();
        lo = lo.min(bits);
        hi = hi.max(bits);
    }
    let spread = hi.saturating_sub(lo);
    if spread == 0 {
        return; // every value is the same
    }
    let Ok(n) = u32::try_from(data.len()) else {
        flag_sort(data); // beyond the 32-bit counts: the in-place sort
        return;
    };
    let width = DIGIT_BITS.saturating_mul(PREFIX_DIGITS);
    // The keys' bits below `base` are left to the runs' finish.
    let base = (u64::BITS.saturating_sub(spread.leading_zeros())).saturating_sub(width);
    let high_shift = base.saturating_add(DIGIT_BITS);
    // A key's two digits (`bits − lo` cannot wrap: `lo` is the least), each
    // below BUCKETS, and counts below 2³²: the wrapping operations never wrap.
    let key = |v: &f64| v.to_bits().wrapping_sub(lo);
    let digit = |v: &f64, shift: u32| usize::try_from((key(v) >> shift) & DIGIT_MASK).unwrap_or(0);
    let mut low = [0u32; BUCKETS];
    let mut high = [0u32; BUCKETS];
    for v in data.iter() {
        if let Some(c) = low.get_mut(digit(v, base)) {
            *c = c.wrapping_add(1);
        }
        if let Some(c) = high.get_mut(digit(v, high_shift)) {
            *c = c.wrapping_add(1);
        }
    }
    let mut in_buffer = false;
    for (histogram, shift) in [(&mut low, base), (&mut high, high_shift)] {
        if histogram.contains(&n) {
            continue; // every value has the same digit here: nothing to move
        }
        // Bucket starts.
        let mut total = 0u32;
        for c in histogram.iter_mut() {
            let count = *c;
            *c = total;
            total = total.wrapping_add(count);
        }
        let (from, to): (&mut [f64], &mut [f64]) =
            if in_buffer { (&mut *buffer, &mut *data) } else { (&mut *data, &mut *buffer) };
        for v in from.iter() {
            if let Some(position) = histogram.get_mut(digit(v, shift)) {
                if let Some(slot) = usize::try_from(*position).ok().and_then(|p| to.get_mut(p)) {
                    *slot = *v;
                }
                *position = position.wrapping_add(1);
            }
        }
        in_buffer = !in_buffer;
    }
    if in_buffer {
        data.copy_from_slice(buffer);
    }
    if base == 0 {
        return; // the digits held every bit of the keys
    }
    // Finish each run of keys with the same leading bits, found in one pass
    // (most runs of a spread-out sample hold one value and need nothing).
    let lead = |v: &f64| key(v) >> base;
    let mut start = 0usize;
    let mut run_key = data.first().map_or(0, lead);
    for end in 1..=data.len() {
        let next = data.get(end).map(lead);
        if next == Some(run_key) {
            continue;
        }
        if end.saturating_sub(start) > 1
            && let (Some(run), Some(space)) = (data.get_mut(start..end), buffer.get_mut(start..end))
        {
            if run.len() <= SHORT_RUN {
                insertion_sort(run);
            } else if run.len() < SMALL {
                run.sort_unstable_by(f64::total_cmp);
            } else {
                prefix_sort(run, space);
            }
        }
        start = end;
        run_key = next.unwrap_or(run_key);
    }
}

/// Sorts a few non-negative values by their bit patterns, by insertion.
fn insertion_sort(run: &mut [f64]) {
    for i in 1..run.len() {
        let mut j = i;
        while j > 0 {
            match (run.get(j.saturating_sub(1)), run.get(j)) {
                (Some(a), Some(b)) if a.to_bits() > b.to_bits() => run.swap(j.saturating_sub(1), j),
                _ => break,
            }
            j = j.saturating_sub(1);
        }
    }
}

/// The least and greatest bit patterns of `values` (`None` when empty).
fn bit_range(values: &[f64]) -> Option<(u64, u64)> {
    let first = values.first()?.to_bits();
    Some(values.iter().fold((first, first), |(lo, hi), v| (lo.min(v.to_bits()), hi.max(v.to_bits()))))
}

/// Bits of a digit of [`flag_sort`]: 256 buckets, whose heads (and the
/// cache lines they are filling) stay in the first-level cache while values
/// are moved among them (with 2 048 they spill to the second level).
const FLAG_BITS: u32 = 8;

// A slice that `flag_sort` splits (SMALL values or more) has at least as
// many values as a digit has buckets.
const _: () = assert!(SMALL >= 1 << FLAG_BITS, "flag_sort splits slices of SMALL values or more");

/// Sorts `values` (non-negative, finite) in place by their bit patterns, an
/// American flag sort on the leading bits of their own spread: the keys are
/// `bits − min`, and a pass takes their leading [`FLAG_BITS`] bits. It
/// counts each bucket, moves every value into its bucket by cycles (each
/// value is picked up and put down once), then sorts each bucket the same
/// way on its own spread, by comparison below [`SMALL`] values, or by
/// insertion at [`SHORT_RUN`] or fewer. A bucket's keys share their leading
/// bits, so its spread is narrower by the digit's 8 bits at least, and the
/// recursion ends within eight levels.
fn flag_sort(values: &mut [f64]) {
    if values.len() <= SHORT_RUN {
        insertion_sort(values);
        return;
    }
    if values.len() < SMALL {
        values.sort_unstable_by_key(|v| v.to_bits());
        return;
    }
    let Some((lo, hi)) = bit_range(values) else { return };
    let spread = hi.wrapping_sub(lo);
    if spread == 0 {
        return; // every value is the same
    }
    // The digit's place: the spread's top FLAG_BITS bits (all of them, shift 0, for a
    // narrower spread), so every key's digit is below 2^FLAG_BITS. The least key's
    // digit is 0 and the greatest's is not, so two buckets at least hold values.
    let shift = u64::BITS.saturating_sub(spread.leading_zeros()).saturating_sub(FLAG_BITS);
    let digit = |v: f64| usize::try_from(v.to_bits().wrapping_sub(lo) >> shift).unwrap_or(0);
    // Counts, then each bucket's end; `heads` the next place to fill in each.
    let mut ends = [0_usize; 1 << FLAG_BITS];
    for v in values.iter() {
        if let Some(c) = ends.get_mut(digit(*v)) {
            *c = c.saturating_add(1);
        }
    }
    let mut heads = [0_usize; 1 << FLAG_BITS];
    let mut total = 0_usize;
    for (end, head) in ends.iter_mut().zip(heads.iter_mut()) {
        *head = total;
        total = total.saturating_add(*end);
        *end = total;
    }
    for (bucket, &end) in ends.iter().enumerate() {
        while let Some(&head) = heads.get(bucket)
            && head < end
        {
            // Carry the value at this bucket's head to its own bucket's
            // head, pick up what was there, and so on until a value of
            // this bucket comes up: it goes where the cycle began. (The
            // `break`s cannot be taken: every digit is below 2^FLAG_BITS,
            // and the exact counts keep each head within the values.)
            let Some(&first) = values.get(head) else { break };
            let mut carried = first;
            let mut d = digit(carried);
            while d != bucket {
                let Some(place) = heads.get_mut(d) else { break };
                let Some(slot) = values.get_mut(*place) else { break };
                *place = place.saturating_add(1);
                carried = std::mem::replace(slot, carried);
                d = digit(carried);
            }
            if let Some(slot) = values.get_mut(head) {
                *slot = carried;
            }
            if let Some(h) = heads.get_mut(bucket) {
                *h = head.saturating_add(1);
            }
        }
    }
    if shift == 0 {
        return; // the digit held every bit of the keys: each bucket holds one key
    }
    // The buckets are disjoint slices: with the `parallel` feature the
    // large ones are sorted on rayon's threads (the result is the same).
    let mut parts: Vec<&mut [f64]> = Vec::new();
    let mut rest = values;
    let mut from = 0_usize;
    for &end in &ends {
        let Some((bucket, after)) = rest.split_at_mut_checked(end.saturating_sub(from)) else { break };
        rest = after;
        from = end;
        if bucket.len() > 1 {
            parts.push(bucket);
        }
    }
    #[cfg(feature = "parallel")]
    if total >= PARALLEL_MIN {
        use rayon::prelude::*;
        parts.into_par_iter().for_each(flag_sort);
        return;
    }
    for part in parts {
        flag_sort(part);
    }
}

/// Below this many values a level's buckets are sorted on the calling thread.
#[cfg(feature = "parallel")]
const PARALLEL_MIN: usize = 1 << 16;

#[cfg(test)]
mod tests {
    use super::{Sorted, sort_losses};

    #[test]
    fn radix_sort_matches_a_comparison_sort() {
        // splitmix64 values scaled to losses of every magnitude, plus ties.
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        let mut v: Vec<f64> = (0..200_000)
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
        // In place (no free space: the American flag sort) …
        let mut in_place = v.clone();
        assert_eq!(sort_losses(&mut in_place, 0).negatives, 0);
        assert_eq!(in_place, expected);
        // … and through the free space before the values (the LSD radix sort), which it may
        // overwrite; fewer free slots than values fall back to the in-place sort.
        for free in [v.len(), v.len() - 1] {
            let mut spaced = vec![f64::NAN; free];
            spaced.extend_from_slice(&v);
            let sorted = sort_losses(&mut spaced, free);
            assert_eq!(sorted.negatives, 0);
            assert_eq!(sorted.overwritten, if free == v.len() { v.len() } else { 0 });
            assert_eq!(spaced[free..], expected[..], "{free} free slots");
        }
        let mut with_negative = vec![7.0, 3.0, -1.0, 2.0, -5.0];
        assert_eq!(sort_losses(&mut with_negative, 1).negatives, 2);
        assert_eq!(with_negative[1..], [-5.0, -1.0, 2.0, 3.0]);
        v.truncate(100);
        let mut small = v.clone();
        sort_losses(&mut small, 0);
        v.sort_unstable_by(f64::total_cmp);
        assert_eq!(small, v);
    }

    /// The shapes that reach every branch of the prefix sort's finish: a spread within its 22
    /// bits (no finish), runs of equal values, a dense cluster beside one far outlier (one long
    /// run, sorted again on its own spread, twice over), runs of middling length, and values that
    /// are all the same. Each must come out as a comparison sort has it, through a buffer and in
    /// place (where the cluster and the nested values send the flag sort down several levels, each
    /// on a narrower spread, and the ties end in buckets of one key).
    #[test]
    fn both_radix_sorts_order_clusters_ties_and_narrow_spreads() {
        let mut x = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let n = 20_000;
        // 1.0 and the next million doubles above it: a spread of 20 bits.
        let narrow: Vec<f64> =
            (0..n).map(|_| f64::from_bits(1.0f64.to_bits() + next() % 1_000_000)).collect();
        #[allow(clippy::cast_precision_loss, reason = "a uniform in [0, 1)")]
        let mut uniform = || (next() >> 11) as f64 * 2f64.powi(-53);
        let ties: Vec<f64> = (0..n).map(|_| (uniform() * 7.0).floor() + 1.0).collect();
        let mut cluster: Vec<f64> = (0..n).map(|_| 1000.0 + uniform() * 1e-6).collect();
        cluster.push(1e27);
        let mut nested: Vec<f64> = (0..n).map(|_| 5.0 + uniform() * 1e-12).collect();
        nested.extend((0..n).map(|_| 5.0 + uniform() * 1e-9));
        nested.push(1e-300);
        nested.push(1e20);
        // 2 000 clusters of eight values a few million units in the last place wide, beside
        // a tiny and a huge value: the spread's 22 leading bits keep each cluster in one run,
        // so runs of 3 to 16 values are finished by insertion.
        let mut short_runs: Vec<f64> = (0..2_000u32)
            .flat_map(|k| {
                let centre = (1.0 + f64::from(k)).to_bits();
                (0..8).map(move |i: u64| f64::from_bits(centre + i * 1_000_003 % 4_000_000))
            })
            .collect();
        short_runs.extend([1e-300, 1e20]);
        let middling: Vec<f64> =
            (0..20_000u32).map(|i| 1.0 + f64::from(i % 300) + uniform() * 1e-9).collect();
        let same = vec![42.0; n];
        for (name, v) in [
            ("narrow", narrow),
            ("ties", ties),
            ("cluster", cluster),
            ("nested", nested),
            ("short runs", short_runs),
            ("middling", middling),
            ("same", same),
        ] {
            let mut expected = v.clone();
            expected.sort_unstable_by(f64::total_cmp);
            let mut spaced = vec![f64::NAN; v.len()];
            spaced.extend_from_slice(&v);
            let sorted = sort_losses(&mut spaced, v.len());
            assert_eq!(sorted.negatives, 0, "{name}");
            assert!(
                spaced[v.len()..].iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits()),
                "{name}"
            );
            // In place: the flag sort, on each slice's own spread.
            let mut in_place = v.clone();
            assert_eq!(sort_losses(&mut in_place, 0), Sorted { negatives: 0, overwritten: 0 }, "{name}");
            assert!(
                in_place.iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits()),
                "{name} in place"
            );
        }
    }
}

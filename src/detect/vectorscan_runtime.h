// Which of Vectorscan's CPU variants scans, and the platform databases are compiled for.
//
// Vectorscan 5.4.9 (Debian 12) misses matches in its AVX-512 variant: nvermicelli checks the
// wrong bytes of a scan's last block (VectorCamp/vectorscan#378, fixed upstream in 2026), so
// whether a pattern fires depended on the text's address (dev: a handle missed at 19 of 64
// alignments). Its fat runtime exports each variant's entry points by name, so on a CPU with
// AVX2 the AVX2 variant scans: it never missed, at the same speed. Elsewhere hs_scan picks.
#ifndef REDFLAG_DETECT_VECTORSCAN_RUNTIME_H_
#define REDFLAG_DETECT_VECTORSCAN_RUNTIME_H_

#include <hs/hs.h>

namespace redflag {

struct VectorscanRuntime {
  decltype(&hs_scan) scan;
  // This CPU, less the features the chosen variant does not use: a database compiled for more
  // is refused by that variant (HS_DB_PLATFORM_ERROR).
  hs_platform_info_t platform;
  const char* name;  // "avx2" or "dispatched" (hs_scan's own choice)
};

// Chosen once, on first use.
const VectorscanRuntime& ScanRuntime();

}  // namespace redflag

#endif  // REDFLAG_DETECT_VECTORSCAN_RUNTIME_H_

#include "detect/vectorscan_runtime.h"

#include <dlfcn.h>

namespace redflag {

const VectorscanRuntime& ScanRuntime() {
  static const VectorscanRuntime runtime = [] {
    VectorscanRuntime r{&hs_scan, {}, "dispatched"};
    hs_populate_platform(&r.platform);
#if defined(__x86_64__)
    void* avx2_scan = __builtin_cpu_supports("avx2") ? dlsym(RTLD_DEFAULT, "avx2_hs_scan") : nullptr;
    if (avx2_scan != nullptr) {
      r.scan = reinterpret_cast<decltype(&hs_scan)>(avx2_scan);
      r.platform.cpu_features &= ~(HS_CPU_FEATURES_AVX512 | HS_CPU_FEATURES_AVX512VBMI);
      r.name = "avx2";
    }
#endif
    return r;
  }();
  return runtime;
}

}  // namespace redflag

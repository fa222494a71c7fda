// For bench/worker_bench.sh: publishes each line of a JSON Lines file to a JetStream subject (asynchronously,
// then waits for every acknowledgement), making the stream first as `redflag worker` would.
// Usage: nats_publish URL STREAM SUBJECT FILE [TIMES]
#include <nats/nats.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: nats_publish URL STREAM SUBJECT FILE [TIMES]\n";
    return 2;
  }
  std::ifstream in(argv[4]);
  if (!in) {
    std::cerr << "nats_publish: cannot read " << argv[4] << "\n";
    return 2;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  int times = argc > 5 ? std::stoi(argv[5]) : 1;
  natsConnection* nc = nullptr;
  jsCtx* js = nullptr;
  if (natsConnection_ConnectTo(&nc, argv[1]) != NATS_OK ||
      natsConnection_JetStream(&js, nc, nullptr) != NATS_OK) {
    std::cerr << "nats_publish: cannot connect to " << argv[1] << "\n";
    return 1;
  }
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  config.Name = argv[2];
  const char* subjects[] = {argv[3]};
  config.Subjects = subjects;
  config.SubjectsLen = 1;
  jsStreamInfo* info = nullptr;
  js_AddStream(&info, js, &config, nullptr, nullptr);  // or it exists already
  jsStreamInfo_Destroy(info);
  auto started = std::chrono::steady_clock::now();
  size_t sent = 0;
  for (int t = 0; t < times; ++t)
    for (const std::string& line : lines) {
      if (js_PublishAsync(js, argv[3], line.data(), static_cast<int>(line.size()), nullptr) != NATS_OK) {
        std::cerr << "nats_publish: publishing failed after " << sent << " messages\n";
        return 1;
      }
      ++sent;
    }
  jsPubOptions wait;
  jsPubOptions_Init(&wait);
  wait.MaxWait = 60'000;
  if (js_PublishAsyncComplete(js, &wait) != NATS_OK) {
    std::cerr << "nats_publish: not every message was acknowledged\n";
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "published " << sent << " messages in " << seconds << " s\n";
  jsCtx_Destroy(js);
  natsConnection_Destroy(nc);
  nats_CloseAndWait(5000);
  return 0;
}

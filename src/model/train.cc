#include "model/train.h"

#include <linear.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "intake/jsonl.h"
#include "model/features.h"
#include "model/neutralize.h"
#include "model/scam_model.h"
#include "text/normalize.h"

namespace redflag {
namespace {

struct Row {
  std::string id, label, dataset;
  std::vector<ModelWord> words;
  bool mail;  // which set of thresholds applies (IsMail)
};

// Reads labelled JSON Lines; rows with another label are skipped, bad lines are errors.
Status ReadRows(const std::string& path, std::vector<Row>* rows, std::string* digest_hex) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read " + path);
  LineReader reader(in, 16 << 20);
  JsonlParser parser;
  std::string line;
  bool too_long = false;
  uint64_t fnv = 14695981039346656037ull;  // FNV-1a 64 of every line: which corpus the model saw
  while (reader.Next(&line, &too_long)) {
    std::string where = path + ":" + std::to_string(reader.line_number());
    if (too_long) return InvalidArgument(where + ": line too long");
    for (unsigned char c : line) fnv = (fnv ^ c) * 1099511628211ull;
    if (line.empty()) continue;
    StatusOr<JsonlRecord> r = parser.Parse(line);
    if (!r.ok()) return InvalidArgument(where + ": " + r.status().message());
    const JsonlRecord& rec = *r;
    if (rec.label != "scam" && rec.label != "spam" && rec.label != "ham") continue;
    if (!ValidateUtf8(rec.message.text, "text").ok() || !ValidateUtf8(rec.message.subject, "subject").ok())
      return InvalidArgument(where + ": text is not valid UTF-8");
    rows->push_back({rec.id, rec.label, rec.dataset, NeutralWords(rec.message.subject, rec.message.text),
                     IsMail(rec.message.channel, !rec.message.subject.empty())});
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv));
  *digest_hex = hex;
  return Status::Ok();
}

// Platt scaling: the logistic curve through (log-odds, label) that fits dev
// best. Newton's method with step halving, so it cannot overshoot.
std::pair<double, double> FitPlatt(const std::vector<double>& x, const std::vector<int>& y) {
  auto loss = [&](double a, double b) {
    double l = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      double z = a * x[i] + b;
      l += (y[i] ? std::log1p(std::exp(-z)) : std::log1p(std::exp(z)));
    }
    return l;
  };
  double a = 1, b = 0, current = loss(a, b);
  for (int iter = 0; iter < 100; ++iter) {
    double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (size_t i = 0; i < x.size(); ++i) {
      double p = 1 / (1 + std::exp(-(a * x[i] + b)));
      double w = p * (1 - p);
      ga += (p - y[i]) * x[i];
      gb += p - y[i];
      haa += w * x[i] * x[i];
      hab += w * x[i];
      hbb += w;
    }
    double det = haa * hbb - hab * hab;
    if (std::abs(det) < 1e-12) break;
    double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    double step = 1;
    while (step > 1e-6 && loss(a - step * da, b - step * db) > current) step /= 2;
    if (step <= 1e-6) break;
    a -= step * da;
    b -= step * db;
    double next = loss(a, b);
    if (current - next < 1e-9 * (1 + current)) break;
    current = next;
  }
  return {a, b};
}

// The lowest threshold on `p` at which the false-alarm rate on the ham rows
// of one kind (mail or not) stays within the targets.
double ChooseThreshold(const std::vector<const Row*>& rows, const std::vector<double>& p, bool mail,
                       double far, double far_per_dataset) {
  std::vector<double> candidates;
  for (size_t i = 0; i < rows.size(); ++i)
    if (rows[i]->label == "ham" && rows[i]->mail == mail) candidates.push_back(p[i]);
  std::sort(candidates.begin(), candidates.end());
  candidates.push_back(1.0);
  auto ok = [&](double t) {
    std::map<std::string, std::pair<int, int>> per;  // dataset -> (ham, warned)
    int ham = 0, warned = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i]->label != "ham" || rows[i]->mail != mail) continue;
      ++ham;
      ++per[rows[i]->dataset].first;
      if (p[i] >= t) ++warned, ++per[rows[i]->dataset].second;
    }
    if (warned > far * ham) return false;
    for (const auto& [name, counts] : per)
      if (counts.first >= 100 && counts.second > far_per_dataset * counts.first) return false;
    return true;
  };
  // Binary search over the sorted ham scores: `ok` only gets easier as t grows.
  size_t lo = 0, hi = candidates.size() - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ok(std::nextafter(candidates[mid], 2.0))) hi = mid;
    else lo = mid + 1;
  }
  return std::min(1.0, std::nextafter(candidates[lo], 2.0));
}

// One message as liblinear reads it: 1-based feature indices, then the bias
// feature, then the end marker.
std::vector<feature_node> LiblinearRow(FeatureExtractor& extractor, const Row& r, int features) {
  std::vector<FeatureOccurrence> occurrences;
  extractor.Extract(r.words, &occurrences);
  std::vector<feature_node> x;
  for (const auto& [index, value] : FeatureRow(occurrences))
    x.push_back({static_cast<int>(index) + 1, value});
  x.push_back({features + 1, 1.0});
  x.push_back({-1, 0});
  return x;
}

// A fitted model as it will be shipped: 16-bit weights, their scale, the bias.
struct Fitted {
  std::string bytes;
  double scale = 1, bias = 0;
};

StatusOr<Fitted> Fit(const std::vector<feature_node*>& x, std::vector<double> y, const TrainOptions& o) {
  const int features = 1 << o.spec.bits;
  problem prob{static_cast<int>(x.size()), features + 1, y.data(), const_cast<feature_node**>(x.data()), 1.0};
  int weight_label[] = {1};
  double weight[] = {o.scam_weight};
  parameter param{L2R_LR, o.eps, o.c, 1, weight_label, weight, 0.1, nullptr};
  if (const char* error = check_parameter(&prob, &param))
    return InvalidArgument(std::string("liblinear: ") + error);
  model* trained = ::train(&prob, &param);
  if (trained == nullptr) return Internal("liblinear did not train");
  int scam_index = trained->label[0] == 1 ? 0 : 1;  // the decision value leans to label[0]
  std::vector<double> w(features);
  for (int i = 0; i < features; ++i) w[i] = get_decfun_coef(trained, i + 1, scam_index);
  Fitted f;
  f.bias = get_decfun_bias(trained, scam_index);
  free_and_destroy_model(&trained);
  f.bytes = QuantizeWeights(w, &f.scale);
  return f;
}

nlohmann::ordered_json FeaturesJson(const FeatureSpec& spec) {
  return {{"bits", spec.bits},
          {"char_min", spec.char_min},
          {"char_max", spec.char_max},
          {"word_pairs", spec.word_pairs}};
}

// The model's log-odds for `rows`, scored as it will be loaded (16-bit weights), before calibration.
StatusOr<std::vector<double>> LogOdds(const Fitted& f, const FeatureSpec& spec,
                                      const std::vector<const Row*>& rows) {
  nlohmann::ordered_json uncalibrated = {
      {"features", FeaturesJson(spec)},
      {"weights", {{"scale", f.scale}, {"bias", f.bias}}},
      {"calibration", {{"scale", 1}, {"offset", 0}}},
      {"thresholds",
       {{"message", {{"suspicious", 1}, {"scam", 1}}}, {"mail", {{"suspicious", 1}, {"scam", 1}}}}}};
  StatusOr<std::unique_ptr<ScamModel>> model = ScamModel::Load(f.bytes, uncalibrated.dump());
  if (!model.ok()) return model.status();
  std::vector<double> out;
  for (const Row* r : rows) out.push_back((*model)->Score(r->words).log_odds);
  return out;
}

}  // namespace

Status TrainScamModel(const TrainOptions& o, std::ostream& log) {
  std::vector<Row> train, dev;
  std::string train_hash, dev_hash;
  REDFLAG_RETURN_IF_ERROR(ReadRows(o.train_path, &train, &train_hash));
  REDFLAG_RETURN_IF_ERROR(ReadRows(o.dev_path, &dev, &dev_hash));
  // Supplement rows join train's (after them, so train's fold numbers stay as they were).
  nlohmann::ordered_json supplements = nlohmann::ordered_json::array();
  size_t corpus_rows = train.size();
  for (const std::string& path : o.supplement_paths) {
    std::vector<Row> rows;
    std::string hash;
    REDFLAG_RETURN_IF_ERROR(ReadRows(path, &rows, &hash));
    supplements.push_back({{"file", std::filesystem::path(path).filename().string()},
                           {"fnv1a64", hash},
                           {"rows", rows.size()}});
    train.insert(train.end(), rows.begin(), rows.end());
  }
  if (o.spam_as != "scam" && o.spam_as != "ham" && o.spam_as != "skip")
    return InvalidArgument("spam rows are learnt as scam, ham or skip, not '" + o.spam_as + "'");
  if (o.folds == 1 || o.folds < 0) return InvalidArgument("folds is 0 (fit on train only) or at least 2");
  REDFLAG_RETURN_IF_ERROR(CheckFeatureSpec(o.spec));
  auto positive = [&](const std::string& label) { return label == "scam" || (o.spam_as == "scam" && label == "spam"); };
  auto learnt = [&](const Row& r) { return !r.words.empty() && !(r.label == "spam" && o.spam_as == "skip"); };
  log << "train: " << corpus_rows << " rows";
  if (train.size() > corpus_rows) log << " and " << train.size() - corpus_rows << " from supplements";
  log << ", dev: " << dev.size() << " rows\n";

  // `pool`: the corpus rows scored out of fold, whose scores choose the calibration and
  // thresholds. Without folds, dev's rows, scored by the model fitted on train. With folds,
  // train's and dev's: each fold's model fits on the other folds, and a small data set's
  // false-alarm rate rests on six times as many ham rows as dev alone holds.
  std::vector<const Row*> always, pool;  // `always`: fitted by every model
  for (size_t i = 0; i < train.size(); ++i)
    (o.folds > 0 && i < corpus_rows ? pool : always).push_back(&train[i]);
  for (const Row& r : dev) pool.push_back(&r);
  const int features = 1 << o.spec.bits;
  FeatureExtractor extractor(o.spec);
  auto rows_of = [&](const std::vector<const Row*>& rows, bool fitted) {
    std::vector<std::vector<feature_node>> x(rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
      if (fitted && learnt(*rows[i])) x[i] = LiblinearRow(extractor, *rows[i], features);
    return x;
  };
  std::vector<std::vector<feature_node>> always_x = rows_of(always, true),
                                         pool_x = rows_of(pool, o.folds > 0);
  size_t fitted_rows = 0, scams = 0;
  for (size_t i = 0; i < train.size(); ++i)
    if (learnt(train[i])) ++fitted_rows, scams += positive(train[i].label);
  if (scams == 0 || scams == fitted_rows)
    return InvalidArgument(o.train_path + ": training needs both scam and ham rows (found " +
                           std::to_string(scams) + " scam of " + std::to_string(fitted_rows) + ")");
  auto fit = [&](auto use_pool_row) {
    std::vector<feature_node*> x;
    std::vector<double> y;
    auto add = [&](const Row& r, std::vector<feature_node>& row) {
      if (!row.empty()) x.push_back(row.data()), y.push_back(positive(r.label) ? 1 : -1);
    };
    for (size_t i = 0; i < always.size(); ++i) add(*always[i], always_x[i]);
    for (size_t i = 0; i < pool.size(); ++i)
      if (use_pool_row(i)) add(*pool[i], pool_x[i]);
    return Fit(x, std::move(y), o);
  };

  // The pool's log-odds, each from a model that did not see that row: with folds,
  // pool row i is scored by the model fitted on the other folds (and the supplements).
  // The fits are independent (and each deterministic), so they share the cores.
  const int fits = std::max(o.folds, 1) + (o.folds > 0 ? 1 : 0);  // with folds, the last is the shipped one
  std::vector<double> x(pool.size());
  std::vector<StatusOr<Fitted>> fitted(fits, Internal("not fitted"));
  std::vector<Status> scored(fits);
  std::atomic<int> next{0};
  auto work = [&] {
    for (int fold; (fold = next.fetch_add(1)) < fits;) {
      bool shipped = o.folds > 0 && fold == o.folds;
      auto fold_of = [&](size_t i) { return static_cast<int>(i % std::max(o.folds, 1)); };
      fitted[fold] = fit([&](size_t i) { return o.folds > 0 && (shipped || fold_of(i) != fold); });
      if (!fitted[fold].ok() || shipped) continue;
      std::vector<const Row*> held_out;
      std::vector<size_t> where;
      for (size_t i = 0; i < pool.size(); ++i)
        if (o.folds == 0 || fold_of(i) == fold) held_out.push_back(pool[i]), where.push_back(i);
      StatusOr<std::vector<double>> scores = LogOdds(*fitted[fold], o.spec, held_out);
      if (!scores.ok())
        scored[fold] = scores.status();
      else
        for (size_t k = 0; k < where.size(); ++k) x[where[k]] = (*scores)[k];
    }
  };
  set_print_string_function([](const char*) {});  // liblinear's progress is a global: silenced once
  unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, static_cast<unsigned>(fits));
  log << "fitting " << fits << (fits == 1 ? " model" : " models") << " on " << threads << " threads\n";
  std::vector<std::thread> pool_threads;
  for (unsigned t = 1; t < threads; ++t) pool_threads.emplace_back(work);
  work();
  for (std::thread& t : pool_threads) t.join();
  for (int fold = 0; fold < fits; ++fold) {
    if (!fitted[fold].ok()) return fitted[fold].status();
    REDFLAG_RETURN_IF_ERROR(scored[fold]);
  }
  // With folds the shipped model learnt from all of train and dev; without, from train alone.
  const StatusOr<Fitted>& shipped = fitted.back();
  always_x.clear();
  pool_x.clear();
  {
    std::ofstream out(o.out_path, std::ios::binary);
    out.write(shipped->bytes.data(), static_cast<std::streamsize>(shipped->bytes.size()));
    if (!out) return Internal("cannot write " + o.out_path);
  }
  nlohmann::ordered_json features_json = FeaturesJson(o.spec);
  nlohmann::ordered_json weights_json = {{"file", std::filesystem::path(o.out_path).filename().string()},
                                         {"scale", shipped->scale},
                                         {"bias", shipped->bias}};
  std::vector<double> fit_x;
  std::vector<int> fit_y;
  for (size_t i = 0; i < pool.size(); ++i)
    if (!(pool[i]->label == "spam" && o.spam_as == "skip"))
      fit_x.push_back(x[i]), fit_y.push_back(positive(pool[i]->label) ? 1 : 0);
  const char* scored_rows = o.folds > 0 ? "train and dev, out of fold" : "dev";
  auto [scale, offset] = FitPlatt(fit_x, fit_y);
  log << scored_rows << ": log-odds calibrated as p = 1 / (1 + exp(-(" << scale << " x + " << offset
      << ")))\n";
  std::vector<double> p;
  for (double v : x) p.push_back(1 / (1 + std::exp(-(scale * v + offset))));
  if (!o.scores_path.empty()) {
    std::ofstream out(o.scores_path);
    for (size_t i = 0; i < pool.size(); ++i)
      out << nlohmann::ordered_json{{"id", pool[i]->id},
                                    {"dataset", pool[i]->dataset},
                                    {"label", pool[i]->label},
                                    {"mail", pool[i]->mail},
                                    {"p", p[i]}}
                 .dump()
          << '\n';
    if (!out) return Internal("cannot write " + o.scores_path);
  }
  nlohmann::ordered_json thresholds;
  for (bool mail : {false, true}) {
    double suspicious = ChooseThreshold(pool, p, mail, o.suspicious_far, o.suspicious_far_per_dataset);
    double scam = std::max(suspicious, ChooseThreshold(pool, p, mail, o.scam_far, o.scam_far));
    int scam_rows = 0, scam_hit = 0, spam_rows = 0, spam_hit = 0;
    for (size_t i = 0; i < pool.size(); ++i) {
      if (pool[i]->mail != mail) continue;
      if (pool[i]->label == "scam") ++scam_rows, scam_hit += p[i] >= suspicious;
      if (pool[i]->label == "spam") ++spam_rows, spam_hit += p[i] >= suspicious;
    }
    const char* kind = mail ? "mail" : "message";
    log << "model alone on " << scored_rows << ", " << kind << "s: scam recall "
        << (scam_rows ? double(scam_hit) / scam_rows : 0) << " of " << scam_rows << ", spam warned "
        << (spam_rows ? double(spam_hit) / spam_rows : 0) << " at p >= " << suspicious
        << " (scam at p >= " << scam << ")\n";
    thresholds[kind] = {{"suspicious", suspicious}, {"scam", scam}};
  }
  thresholds["chosen_on"] = scored_rows;
  thresholds["chosen_for"] = {{"ham_far", o.suspicious_far},
                              {"ham_far_per_dataset", o.suspicious_far_per_dataset},
                              {"ham_far_scam", o.scam_far}};

  std::time_t now = std::time(nullptr);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
  nlohmann::ordered_json side;
  side["schema"] = "redflag.model/1";
  side["trained"] = date;
  side["data"] = {{"train_fnv1a64", train_hash}, {"dev_fnv1a64", dev_hash}, {"train_rows", corpus_rows},
                  {"dev_rows", dev.size()},      {"spam_as", o.spam_as},    {"dev_folds", o.folds}};
  if (!o.supplement_paths.empty()) side["data"]["supplements"] = supplements;
  side["liblinear"] = {{"solver", "L2R_LR"}, {"C", o.c}, {"eps", o.eps}, {"scam_weight", o.scam_weight}};
  side["features"] = features_json;
  side["weights"] = weights_json;
  side["calibration"] = {{"method", o.folds > 0 ? "platt on train and dev, out of fold" : "platt on dev"},
                         {"scale", scale},
                         {"offset", offset}};
  side["thresholds"] = thresholds;
  std::string json_path = o.out_path.substr(0, o.out_path.rfind('.')) + ".json";
  std::ofstream js(json_path);
  js << side.dump(2) << '\n';
  if (!js) return Internal("cannot write " + json_path);
  log << "wrote " << o.out_path << " (" << shipped->bytes.size() << " bytes) and " << json_path << '\n';
  return Status::Ok();
}

}  // namespace redflag

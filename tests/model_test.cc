// The scam model: the neutral view of a text that training and analysis share,
// its hashed features, and a model trained here with liblinear on a small
// fixture (train, load, score, explain).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <fstream>
#include <numeric>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/features.h"
#include "model/neutralize.h"
#include "model/scam_model.h"
#include "model/train.h"
#include "test_support.h"

namespace redflag {
namespace {

std::vector<std::string> Texts(const std::vector<ModelWord>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(w.text);
  return out;
}

TEST(Neutralize, LowerCasesSplitsOnPunctuationAndDropsNumbers) {
  std::string text = "Don't SHARE code 123-456 with anyone!! Call 0800123";
  auto words = NeutralWords("", text);
  EXPECT_THAT(Texts(words), ::testing::ElementsAre("dont", "share", "code", "with", "anyone", "call"));
  for (const auto& w : words) EXPECT_EQ(w.field, Field::kText);
  EXPECT_EQ(text.substr(words[0].start, words[0].end - words[0].start), "Don't");
  EXPECT_EQ(text.substr(words[1].start, words[1].end - words[1].start), "SHARE");
}

TEST(Neutralize, MaskedDigitsReadLikeDigits) {
  // SpamHunter writes digits as X; Super SMS drops them: all three read the same.
  std::string masked = NeutralLine(NeutralWords("", "Your code is XXXX, valid XX min. Merry Xmas"));
  std::string digits = NeutralLine(NeutralWords("", "Your code is 4821, valid 10 min. Merry Xmas"));
  std::string stripped = NeutralLine(NeutralWords("", "your code is  valid  min merry xmas"));
  EXPECT_EQ(masked, "your code is valid min merry xmas");
  EXPECT_EQ(digits, masked);
  EXPECT_EQ(stripped, masked);
}

TEST(Neutralize, DropsEmailAddressesAndEndsAtAListFooter) {
  auto words = NeutralWords("", "Dear jose@monkey.org, verify now\n_______________________________\nList mailing list");
  EXPECT_THAT(Texts(words), ::testing::ElementsAre("dear", "verify", "now"));
}

// A link's shape comes as marker words before its pieces; sentences and
// addresses have none.
TEST(Neutralize, ALinkAddsMarkersForItsShape) {
  std::string text = "Finish the process: http://klkln.cc/vnbcbtd";
  auto words = NeutralWords("", text);
  EXPECT_THAT(Texts(words), ::testing::ElementsAre("finish", "the", "process", "<link>", "<link-path>",
                                                   "http", "klkln", "cc", "vnbcbtd"));
  EXPECT_TRUE(words[3].marker);
  EXPECT_FALSE(words[5].marker);
  EXPECT_EQ(text.substr(words[3].start, words[3].end - words[3].start), "http://klkln.cc/vnbcbtd");
  EXPECT_THAT(Texts(NeutralWords("", "verify at (acct-check.top)")),
              ::testing::ElementsAre("verify", "at", "<link>", "<link-bare>", "acct", "check", "top"));
  // A path that is one mixed-case token, as a smishing kit issues, is a shape of its own; a page's path is
  // not.
  EXPECT_THAT(Texts(NeutralWords("", "check results: veilknit.com/y8mXEyk.")),
              ::testing::ElementsAre("check", "results", "<link>", "<link-path>", "<link-token>",
                                     "<link-bare>", "veilknit", "com"));
  for (const char* genuine : {"https://booksy.com/en-gb/appointments", "https://forms.gle/abc123",
                              "https://bit.ly/ABCDEFGH", "https://t.co/Ab"})
    EXPECT_THAT(Texts(NeutralWords("", genuine)), ::testing::Not(::testing::Contains("<link-token>")))
        << genuine;
  EXPECT_THAT(Texts(NeutralWords("", "See you at home.Thanks, write to jose@monkey.org")),
              ::testing::ElementsAre("see", "you", "at", "home", "thanks", "write", "to"));
}

TEST(Neutralize, FoldsCaseInAnyScriptAndKeepsOffsets) {
  std::string text = "Votre COLIS est BLOQUÉ à la douane";
  auto words = NeutralWords("", text);
  EXPECT_THAT(Texts(words), ::testing::ElementsAre("votre", "colis", "est", "bloqué", "à", "la", "douane"));
  EXPECT_EQ(text.substr(words[3].start, words[3].end - words[3].start), "BLOQUÉ");
}

TEST(Neutralize, SubjectComesFirstAndWordsAreCapped) {
  auto words = NeutralWords("Account suspended", "one two three four", 4);
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[0].field, Field::kSubject);
  EXPECT_EQ(words[0].text, "account");
  EXPECT_EQ(words[2].field, Field::kText);
  EXPECT_EQ(words[3].text, "two");
}

TEST(Neutralize, InvalidBytesNeverCrash) {
  std::string bad = "abc\xff\xfe def";
  auto words = NeutralWords("", bad);
  EXPECT_FALSE(words.empty());
}

TEST(Features, EachBlockHasUnitLengthAndRepeatsCountLess) {
  FeatureExtractor extractor(FeatureSpec{});
  std::vector<FeatureOccurrence> once, twice;
  extractor.Extract(NeutralWords("", "verify your account"), &once);
  extractor.Extract(NeutralWords("", "verify verify your account"), &twice);
  ASSERT_FALSE(once.empty());
  // Every occurrence names words of the text; only pairs name two.
  for (const auto& f : once) {
    EXPECT_LT(f.word, 3u);
    EXPECT_TRUE(f.other_word == f.word || f.other_word == f.word + 1);
    EXPECT_LT(f.index, 1u << 18);
  }
  // Two blocks (characters, words), each of unit length: the squares of the
  // distinct features' values add up to 2 when no two features collide.
  double squares = 0;
  for (const auto& [index, value] : FeatureRow(once)) squares += value * value;
  EXPECT_NEAR(squares, 2.0, 1e-4);
  // "verify" twice weighs 1 + ln 2, not 2, against the rest of its block.
  auto word_value = [](const std::vector<FeatureOccurrence>& f, uint32_t word) {
    double v = 0;
    for (const auto& o : f)
      if (o.word == word && o.other_word == word) v += o.value;
    return v;
  };
  EXPECT_LT(word_value(twice, 0) + word_value(twice, 1), 2 * word_value(once, 0));
}

TEST(Features, AVeryLongWordAddsBoundedWork) {
  FeatureExtractor extractor(FeatureSpec{});
  std::vector<FeatureOccurrence> f;
  extractor.Extract({ModelWord{std::string(100000, 'a'), Field::kText, 0, 100000}}, &f);
  // Its first 256 letters' n-grams (2 to 5 long: 4 a letter at most) and the word itself.
  EXPECT_LE(f.size(), 4u * 256 + 1);
  EXPECT_GT(f.size(), 3u * 250);
}

TEST(Features, AMarkerIsOneWordFeatureWithoutLetters) {
  FeatureExtractor extractor(FeatureSpec{});
  std::vector<FeatureOccurrence> f;
  ModelWord marker{"<link>", Field::kText, 0, 10, /*marker=*/true};
  extractor.Extract({marker}, &f);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FLOAT_EQ(f[0].value, 1.0f);
  marker.marker = false;
  extractor.Extract({marker}, &f);
  EXPECT_GT(f.size(), 10u);  // read as a word: its n-grams too
}

TEST(Features, TheSameWordsGiveTheSameFeatures) {
  FeatureExtractor a(FeatureSpec{}), b(FeatureSpec{});
  std::vector<FeatureOccurrence> fa, fb, other;
  auto words = NeutralWords("", "Votre colis est bloqué à la douane");
  a.Extract(NeutralWords("", "something else first"), &other);
  a.Extract(words, &fa);
  b.Extract(words, &fb);
  EXPECT_EQ(FeatureRow(fa), FeatureRow(fb));
  EXPECT_NE(FeatureRow(fa), FeatureRow(other));
  b.Extract({}, &fb);
  EXPECT_TRUE(fb.empty());
}

// A fixture corpus written for this test: scam wording against everyday wording.
std::string WriteFixture(const std::filesystem::path& dir, const std::string& name) {
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream out(path);
  const char* scams[] = {"Your account is suspended, verify your details now at the link",
                         "URGENT: your parcel is held, pay the customs fee to release it",
                         "You have won a prize! Claim your reward now, verify your account",
                         "Your bank account is locked. Verify your identity immediately"};
  const char* hams[] = {"See you at lunch tomorrow, I'll bring the cake",
                        "Can you pick up the kids after school today?",
                        "Thanks for dinner last night, it was lovely",
                        "Running late, meet me at the station in ten minutes"};
  for (int i = 0; i < 15; ++i) {
    for (const char* s : scams) out << nlohmann::json{{"text", s}, {"label", i % 2 ? "scam" : "spam"}}.dump() << "\n";
    for (const char* h : hams) out << nlohmann::json{{"text", h}, {"label", "ham"}, {"dataset", "fixture"}}.dump() << "\n";
  }
  return path;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class TrainedModel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("redflag_model_test_" + std::to_string(::getpid())));
    std::string data = WriteFixture(*dir_, "fixture.jsonl");
    TrainOptions o;
    o.train_path = o.dev_path = data;
    o.spec.bits = 12;
    o.c = 10;
    o.suspicious_far_per_dataset = 1;
    o.out_path = (*dir_ / "a.weights").string();
    std::ostringstream log;
    status_ = new Status(TrainScamModel(o, log));
    o.out_path = (*dir_ / "b.weights").string();
    if (status_->ok()) *status_ = TrainScamModel(o, log);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete status_;
  }
  static std::filesystem::path* dir_;
  static Status* status_;
};
std::filesystem::path* TrainedModel::dir_ = nullptr;
Status* TrainedModel::status_ = nullptr;

TEST_F(TrainedModel, TrainingIsDeterministic) {
  ASSERT_TRUE(status_->ok()) << status_->ToString();
  std::string a = Slurp((*dir_ / "a.weights").string()), b = Slurp((*dir_ / "b.weights").string());
  EXPECT_EQ(a.size(), 2u << 12);
  EXPECT_EQ(a, b);
  auto side = nlohmann::json::parse(Slurp((*dir_ / "a.json").string()));
  EXPECT_EQ(side["liblinear"]["solver"], "L2R_LR");
  EXPECT_EQ(side["features"]["bits"], 12);
  EXPECT_TRUE(side["calibration"].contains("scale"));
}

TEST_F(TrainedModel, ScoresScamWordingHigherAndExplainsEachWord) {
  ASSERT_TRUE(status_->ok()) << status_->ToString();
  auto model = ScamModel::LoadFile((*dir_ / "a.weights").string());
  ASSERT_OK(model);
  auto scam = NeutralWords("", "Verify your account now or it will be suspended");
  auto ham = NeutralWords("", "See you at lunch, bring the kids");
  ModelScore s = (*model)->Score(scam), h = (*model)->Score(ham);
  EXPECT_GT(s.log_odds, 0);
  EXPECT_LT(h.log_odds, 0);
  EXPECT_GT(s.probability, h.probability);
  ASSERT_EQ(s.push.size(), scam.size());
  // "verify" pushes towards scam, "lunch" away from it.
  EXPECT_GT(s.push[0], 0);
  EXPECT_LT(h.push[3], 0);
  // The pushes are the score, exactly: the rest is the model's intercept.
  double sum = std::accumulate(s.push.begin(), s.push.end(), 0.0);
  EXPECT_NEAR(sum + s.bias, s.log_odds, 1e-4);
}

TEST(Train, NeedsBothScamAndHamRows) {
  auto dir = std::filesystem::temp_directory_path() / ("redflag_train_one_class_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "ham.jsonl").string();
  {
    std::ofstream out(path);
    for (int i = 0; i < 5; ++i) out << nlohmann::json{{"text", "see you at lunch"}, {"label", "ham"}}.dump() << "\n";
  }
  TrainOptions o;
  o.train_path = o.dev_path = path;
  o.out_path = (dir / "m.weights").string();
  std::ostringstream log;
  Status s = TrainScamModel(o, log);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), ::testing::HasSubstr("needs both scam and ham rows (found 0 scam of 5)"));
}

// With folds the shipped model also learns from dev: a word only dev's scams use
// pushes towards scam; fitted on train alone, the model never saw it.
TEST(Train, WithFoldsTheShippedModelLearnsFromDev) {
  auto dir = std::filesystem::temp_directory_path() / ("redflag_train_folds_" + std::to_string(::getpid()));
  std::string train = WriteFixture(dir, "train.jsonl");
  std::string dev = (dir / "dev.jsonl").string();
  {
    std::ofstream out(dev);
    for (int i = 0; i < 10; ++i) {
      out << nlohmann::json{{"text", "Zorblax voucher waiting, zorblax now"}, {"label", "scam"}}.dump()
          << "\n";
      out << nlohmann::json{{"text", "Dinner at seven, see you there"}, {"label", "ham"}, {"dataset", "d"}}
                 .dump()
          << "\n";
    }
  }
  auto push_of_zorblax = [&](int folds) {
    std::string name = std::string("folds") + std::to_string(folds);
    TrainOptions o;
    o.train_path = train;
    o.dev_path = dev;
    o.spec.bits = 12;
    o.folds = folds;
    o.out_path = (dir / (name + ".weights")).string();
    o.scores_path = (dir / (name + ".scores.jsonl")).string();
    std::ostringstream log;
    Status s = TrainScamModel(o, log);
    EXPECT_TRUE(s.ok()) << s.ToString();
    auto model = ScamModel::LoadFile(o.out_path);
    EXPECT_TRUE(model.ok());
    // Every scored row once: dev's without folds, train's and dev's with them.
    std::istringstream scores(Slurp(o.scores_path));
    int lines = 0, dev_rows = 0;
    for (std::string line; std::getline(scores, line); ++lines) {
      auto row = nlohmann::json::parse(line);
      EXPECT_GE(row["p"].get<double>(), 0.0);
      EXPECT_LE(row["p"].get<double>(), 1.0);
      dev_rows += row["dataset"] == "d";
    }
    EXPECT_EQ(lines, folds ? 120 + 20 : 20);
    EXPECT_EQ(dev_rows, 10);
    auto side = nlohmann::json::parse(Slurp((dir / (name + ".json")).string()));
    EXPECT_EQ(side["data"]["dev_folds"], folds);
    EXPECT_EQ(side["thresholds"]["chosen_on"], folds ? "train and dev, out of fold" : "dev");
    return model.ok() ? (*model)->Score(NeutralWords("", "zorblax")).push[0] : 0.0f;
  };
  float unseen = push_of_zorblax(0), learnt = push_of_zorblax(4);
  EXPECT_GT(learnt, unseen + 0.5f);

  TrainOptions one_fold;
  one_fold.train_path = train;
  one_fold.dev_path = dev;
  one_fold.folds = 1;
  one_fold.out_path = (dir / "x.weights").string();
  std::ostringstream log;
  Status s = TrainScamModel(one_fold, log);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), ::testing::HasSubstr("folds is 0"));
}

// A supplement's rows are learnt with train's: a word only they use pushes as their label does, and the
// sidecar names the file. A bad line in it is an error that names the file and line.
TEST(Train, LearnsASupplementsRowsAndNamesIt) {
  auto dir =
      std::filesystem::temp_directory_path() / ("redflag_train_supplement_" + std::to_string(::getpid()));
  std::string train = WriteFixture(dir, "train.jsonl");
  std::string supplement = (dir / "genuine.jsonl").string();
  {
    std::ofstream out(supplement);
    for (int i = 0; i < 10; ++i)
      out << nlohmann::json{{"text", "Quuxly reminder: your table is booked"}, {"label", "ham"}}.dump()
          << "\n";
  }
  auto push_of_quuxly = [&](bool with_supplement, const std::string& name) {
    TrainOptions o;
    o.train_path = o.dev_path = train;
    o.spec.bits = 12;
    o.folds = 0;
    o.suspicious_far_per_dataset = 1;
    if (with_supplement) o.supplement_paths = {supplement};
    o.out_path = (dir / (name + ".weights")).string();
    std::ostringstream log;
    Status s = TrainScamModel(o, log);
    EXPECT_TRUE(s.ok()) << s.ToString();
    auto side = nlohmann::json::parse(Slurp((dir / (name + ".json")).string()));
    EXPECT_EQ(side["data"].contains("supplements"), with_supplement);
    if (with_supplement) {
      EXPECT_EQ(side["data"]["supplements"][0]["file"], "genuine.jsonl");
      EXPECT_EQ(side["data"]["supplements"][0]["rows"], 10);
    }
    auto model = ScamModel::LoadFile(o.out_path);
    EXPECT_TRUE(model.ok());
    return model.ok() ? (*model)->Score(NeutralWords("", "quuxly")).push[0] : 0.0f;
  };
  float unseen = push_of_quuxly(false, "plain"), learnt = push_of_quuxly(true, "supplemented");
  EXPECT_LT(learnt, unseen - 0.5f);

  { std::ofstream(supplement, std::ios::app) << "{\"text\": 12}\n"; }
  TrainOptions bad;
  bad.train_path = bad.dev_path = train;
  bad.supplement_paths = {supplement};
  bad.out_path = (dir / "bad.weights").string();
  std::ostringstream log;
  Status s = TrainScamModel(bad, log);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), ::testing::HasSubstr("genuine.jsonl:11"));
}

TEST(ScamModel, RejectsWhatIsNotAModel) {
  auto m = ScamModel::Load("not a model at all", "{}");
  ASSERT_FALSE(m.ok());
  EXPECT_THAT(m.status().message(), ::testing::HasSubstr("lacks a field"));
  std::string side = R"({"features": {"bits": 8, "char_min": 2, "char_max": 5, "word_pairs": true},
    "weights": {"scale": 1, "bias": 0}, "calibration": {"scale": 1, "offset": 0},
    "thresholds": {"message": {"suspicious": 0.5, "scam": 0.9}, "mail": {"suspicious": 0.5, "scam": 0.9}}})";
  auto short_weights = ScamModel::Load(std::string(100, '\0'), side);
  ASSERT_FALSE(short_weights.ok());
  EXPECT_THAT(short_weights.status().message(), ::testing::HasSubstr("100 bytes, not the 512"));
  EXPECT_TRUE(ScamModel::Load(std::string(512, '\0'), side).ok());
  auto missing = ScamModel::LoadFile("/nonexistent/scam.weights");
  EXPECT_FALSE(missing.ok());
}

TEST(ScamModel, TheBuiltInModelLoads) {
  auto m = ScamModel::LoadEmbedded();
  ASSERT_OK(m);
  if (*m == nullptr) GTEST_SKIP() << "this build has no model/scam.weights";
  for (bool mail : {false, true}) {
    EXPECT_GT((*m)->thresholds(mail).suspicious, 0);
    EXPECT_LE((*m)->thresholds(mail).suspicious, (*m)->thresholds(mail).scam);
  }
}

}  // namespace
}  // namespace redflag

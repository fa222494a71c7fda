// Conversations: call transcripts, input detection, and golden chats in several
// languages (tests/data/chats, tests/data/calls) judged as a whole.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "conversation/analyze.h"
#include "conversation/conversation_json.h"
#include "conversation/conversation_text.h"
#include "intake/call_transcript.h"
#include "intake/chat_export.h"
#include "intake/input.h"
#include "test_support.h"

namespace redflag {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;

std::string DataPath(const std::string& name) { return std::string(REDFLAG_SOURCE_DIR) + "/tests/data/" + name; }

std::string ReadData(const std::string& name) {
  std::ifstream in(DataPath(name), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- call transcripts ----

TEST(CallTranscript, ReadsSpeakersTurnsAndTheReader) {
  auto conv = ParseCallTranscript(
      "Call with 'the bank', 3 March\n"
      "[00:00:02] Caller: Good morning, this is your bank's fraud team.\n"
      "Me: Hello?\n"
      "Caller (00:41): We need to check a payment.\n"
      "  Please stay on the line.\n",
      {}, "call.txt");
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  EXPECT_EQ(conv->channel, Channel::kCall);
  EXPECT_EQ(conv->format, "call_transcript");
  EXPECT_EQ(conv->self, "Me");
  ASSERT_EQ(conv->messages.size(), 3u);
  EXPECT_EQ(conv->messages[0].sender, "Caller");
  EXPECT_EQ(conv->messages[0].line, 2u);
  EXPECT_EQ(conv->messages[2].text, "We need to check a payment.\n  Please stay on the line.");
  ASSERT_EQ(conv->notes.size(), 1u);
  EXPECT_THAT(conv->notes[0], HasSubstr("1 line(s) before the first speaker label"));
}

TEST(CallTranscript, NoLabelsIsAClearError) {
  auto conv = ParseCallTranscript("Someone called me and asked for my code.\nI hung up.\n", {}, "notes.txt");
  ASSERT_FALSE(conv.ok());
  EXPECT_THAT(conv.status().message(), HasSubstr("notes.txt: not a call transcript"));
  auto bad = ParseCallTranscript("Caller: hi\nMe: \xFF\n", {}, "bad.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("bad.txt:2: not valid UTF-8"));
}

TEST(CallTranscript, TurnLimitTruncatesAndSaysSo) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += (i % 2 ? "Me: ok\n" : "Caller: listen\n");
  ConversationLimits limits;
  limits.max_messages = 5;
  auto conv = ParseCallTranscript(text, limits);
  ASSERT_TRUE(conv.ok());
  EXPECT_EQ(conv->messages.size(), 5u);
  EXPECT_THAT(conv->truncated, HasSubstr("first 5 turns"));
}

// ---- what kind of input ----

TEST(InputKind, ParsesNames) {
  EXPECT_EQ(ParseInputKind("chat"), InputKind::kChat);
  EXPECT_EQ(ParseInputKind("eml"), InputKind::kEml);
  EXPECT_FALSE(ParseInputKind("pdf").has_value());
  EXPECT_EQ(InputKindName(InputKind::kCall), "call");
}

TEST(InputKind, DetectsFromNameAndContent) {
  EXPECT_EQ(DetectInputKind("chat.zip", "PK\x03\x04rest"), InputKind::kChat);
  EXPECT_EQ(DetectInputKind("", "PK\x03\x04rest"), InputKind::kChat);
  EXPECT_EQ(DetectInputKind("shot.png", ""), InputKind::kImage);
  EXPECT_EQ(DetectInputKind("x.bin", "\x89PNG\r\n\x1a\nxxxx"), InputKind::kImage);
  EXPECT_EQ(DetectInputKind("x", "\xFF\xD8\xFF\xE0"), InputKind::kImage);
  EXPECT_EQ(DetectInputKind("mail.eml", "anything"), InputKind::kEml);
  EXPECT_EQ(DetectInputKind("mail.txt", "From: \"WhatsApp\" <a@b.com>\nSubject: Verify\nTo: me@x.com\n\nBody: text"),
            InputKind::kEml);
  EXPECT_EQ(DetectInputKind("c.txt", "\n31/12/2023, 21:41 - Bob: hi\n"), InputKind::kChat);
  EXPECT_EQ(DetectInputKind("c.txt", "[31/12/2023, 21:41:05] Bob: hi\n"), InputKind::kChat);
  EXPECT_EQ(DetectInputKind("t.txt", "Caller: Hello, bank here.\nMe: Hi\nCaller: Read me the code\n"), InputKind::kCall);
  EXPECT_EQ(DetectInputKind("m.txt", "Dear customer: your parcel is held. Pay the fee here."), InputKind::kText);
  EXPECT_EQ(DetectInputKind("", "I sent you a code by mistake, send it back"), InputKind::kText);
}

TEST(InputKind, EmailAndImageGoToTheirReaders) {
  auto mail = ReadSingleMessageInput(InputKind::kEml, "From: a@b.com\nSubject: parcel\n\nhello there\n", "mail.eml");
  ASSERT_TRUE(mail.ok()) << mail.status().message();
  EXPECT_EQ(mail->subject, "parcel");
  EXPECT_THAT(mail->text, HasSubstr("hello there"));
  auto image = ReadSingleMessageInput(InputKind::kImage, "plain words, not a picture", "shot.png");
  ASSERT_FALSE(image.ok());
  EXPECT_THAT(image.status().message(), ::testing::StartsWith("shot.png: "));
  auto text = ReadSingleMessageInput(InputKind::kText, "hello", "note.txt");
  EXPECT_EQ(text.status().code(), StatusCode::kInvalidArgument);
}

// ---- golden conversations ----

struct Golden {
  const char* file;
  const char* verdict;              // of the whole conversation
  std::optional<size_t> turn;       // message index where the risk rose
  std::vector<std::string> flags;   // conversation red flags
  const char* suspect;              // "" when nobody shows scam behaviour
  std::vector<std::pair<size_t, std::string>> stages;  // some messages' stages
};

const Golden kGoldens[] = {
    // The seeds' account takeover: a friend's hijacked account asks for the code.
    {"chats/takeover_en_android.txt",
     "scam",
     10,
     {"behaviour_change", "conversation_escalation"},
     "Sana Malik",
     {{1, "trust"}, {2, ""}, {10, "request"}, {12, "isolation"}}},
    {"chats/takeover_ur_android.txt",
     "scam",
     5,
     {"behaviour_change", "conversation_escalation"},
     "Kamran Bhai",
     {{0, "trust"}, {5, "request"}, {6, "isolation"}}},
    // The same in Spanish, 12-hour clock with "p. m.": the code request comes after weeks of chat.
    {"chats/takeover_es_android.txt",
     "scam",
     8,
     {"behaviour_change", "conversation_escalation"},
     "Lucía Gómez",
     {{1, "trust"}, {2, ""}, {8, "request"}, {10, "isolation"}}},
    // "New number" in one message, money in the next, secrecy in the last: a scam combination over the
    // sender's messages (policy.yaml), though no one message holds one.
    {"chats/new_number_fr_ios.txt",
     "scam",
     2,
     {"conversation_escalation"},
     "+33 6 12 34 56 78",
     {{0, "problem"}, {2, "request"}, {3, "isolation"}}},
    // "não conta pro pai" is secrecy since the Portuguese lexicon reads the familiar "conta": isolation, as
    // in French.
    {"chats/new_number_pt_android.txt",
     "scam",
     0,
     {"conversation_escalation"},
     "+55 11 91234-5678",
     {{0, "problem"}, {2, "request"}, {3, "isolation"}}},
    {"chats/support_moves_chat_en_ios.txt",
     "scam",
     0,
     {"support_moves_chat"},
     "Binance Support",
     {{0, "problem"}, {2, "isolation"}}},
    {"chats/fake_official_group_it_android.txt",
     "scam",
     2,
     {"conversation_escalation", "fake_official_group"},
     "Marco Bianchi",
     {{2, "problem"}, {3, ""}, {5, "request"}}},
    {"chats/family_de_android.txt", "no_red_flags", std::nullopt, {}, "", {{1, ""}, {5, ""}}},
    {"calls/whatsapp_security_call.txt",
     "scam",
     0,
     {"conversation_escalation"},
     "Caller",
     {{0, "problem"}, {2, "problem"}, {4, "request"}, {6, "isolation"}}},
    // The code went back: the reader needs the recovery steps now, not a warning.
    {"chats/code_shared_ur_android.txt",
     "scam",
     2,
     {"code_shared"},
     "Ali Khan",
     {{0, "trust"}, {2, "request"}, {4, "request"}}},
    {"calls/code_read_out.txt",
     "scam",
     0,
     {"code_shared", "conversation_escalation"},
     "Caller",
     {{0, "problem"}, {2, "request"}, {4, "isolation"}}},
    // A sum after a code request is not a code.
    {"chats/sum_not_code_en_android.txt", "scam", 0, {}, "Zara", {{0, "request"}}},
};

void PrintTo(const Golden& g, std::ostream* os) { *os << g.file; }

class GoldenConversation : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenConversation, MatchesTheExpectedJudgement) {
  const Golden& g = GetParam();
  std::string data = ReadData(g.file);
  ASSERT_FALSE(data.empty()) << g.file;
  InputKind kind = DetectInputKind(g.file, data);
  auto conv = kind == InputKind::kCall ? ParseCallTranscript(data) : ParseChatExport(data);
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  ConversationReport r = AnalyzeConversation(testing::BuiltInAnalyzer(), std::move(*conv));
  EXPECT_EQ(VerdictName(r.verdict), g.verdict);
  EXPECT_EQ(r.turn, g.turn);
  std::vector<std::string> ids;
  for (const auto& f : r.red_flags) {
    ids.push_back(f.id);
    EXPECT_EQ(f.participant, g.suspect) << f.id;
    ASSERT_FALSE(f.evidence.empty()) << f.id;
    for (const auto& e : f.evidence) {
      // Evidence is an exact slice of the message it names.
      ASSERT_LT(e.message, r.conversation.messages.size());
      const std::string& text = r.conversation.messages[e.message].text;
      ASSERT_LE(e.end, text.size());
      EXPECT_EQ(text.substr(e.start, e.end - e.start), e.text) << f.id;
    }
  }
  EXPECT_THAT(ids, UnorderedElementsAreArray(g.flags));
  for (const auto& p : r.participants) {
    if (p.role == "reader") continue;
    EXPECT_EQ(p.role == "suspect", p.name == g.suspect) << p.name << " is " << p.role;
  }
  for (const auto& [index, stage] : g.stages) {
    ASSERT_LT(index, r.messages.size());
    EXPECT_EQ(r.messages[index].stage, stage) << "message " << index;
  }
  // The JSON and the text both render.
  auto json = nlohmann::json::parse(ConversationJson(r));
  EXPECT_EQ(json["schema"], "redflag.conversation/1");
  EXPECT_EQ(json["messages"].size(), r.conversation.messages.size());
  EXPECT_FALSE(RenderConversationText(r, testing::BuiltInAnalyzer().knowledge(), false).empty());
}

INSTANTIATE_TEST_SUITE_P(Chats, GoldenConversation, ::testing::ValuesIn(kGoldens), [](const auto& info) {
  std::string name = info.param.file;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

TEST(Conversation, ShortHistoryIsNotABehaviourChange) {
  // Two plain messages the same evening are not "weeks of normal chat".
  auto conv = ParseChatExport(
      "21/03/2024, 22:30 - Sana: hi\n21/03/2024, 22:31 - Sana: how are you\n21/03/2024, 22:32 - Sana: fine?\n"
      "21/03/2024, 22:42 - Sana: I sent you a 6-digit code by mistake, can you send it to me?\n");
  ASSERT_TRUE(conv.ok());
  ConversationReport r = AnalyzeConversation(testing::BuiltInAnalyzer(), std::move(*conv));
  for (const auto& f : r.red_flags) EXPECT_NE(f.id, "behaviour_change");
  EXPECT_EQ(r.turn, 3u);
}

TEST(Conversation, AppLinesAreShownNotAnalysedAndFailuresAreReported) {
  auto conv = ParseChatExport("01/02/2024, 10:00 - Dad: <Media omitted>\n01/02/2024, 10:01 - Dad:\n"
                              "01/02/2024, 10:02 - Mum: Dinner at 7\n");
  ASSERT_TRUE(conv.ok());
  ConversationReport r = AnalyzeConversation(testing::BuiltInAnalyzer(), std::move(*conv));
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_FALSE(r.messages[0].report.has_value());
  EXPECT_TRUE(r.messages[0].error.ok());
  EXPECT_FALSE(r.messages[1].report.has_value());  // an empty message cannot be analysed ...
  EXPECT_FALSE(r.messages[1].error.ok());           // ... and says why
  auto json = nlohmann::json::parse(ConversationJson(r));
  EXPECT_EQ(json["messages"][0]["system"], "media_omitted");
  EXPECT_EQ(json["messages"][1]["error"]["code"], "invalid_message");
  EXPECT_TRUE(json["messages"][2].contains("report"));
}

// ---- the command line ----

TEST(ConversationCli, ChecksAChatFileByItself) {
  std::string out, err;
  int code = testing::RunCli("check --format json --file " + DataPath("chats/takeover_en_android.txt"), "", &out, &err);
  ASSERT_EQ(code, 0) << err;
  auto json = nlohmann::json::parse(out);
  EXPECT_EQ(json["schema"], "redflag.conversation/1");
  EXPECT_EQ(json["verdict"], "scam");
  EXPECT_EQ(json["turn"], 10);
  EXPECT_EQ(json["riskiest"], 10);
  EXPECT_EQ(json["messages"][10]["report"]["schema"], "redflag.report/1");
  code = testing::RunCli("check --fail-on scam --file " + DataPath("chats/takeover_en_android.txt"), "", &out, &err);
  EXPECT_EQ(code, 1);
  EXPECT_THAT(out, HasSubstr("Sana Malik"));
}

TEST(ConversationCli, CallFromStandardInputAndForcedKinds) {
  std::string out, err;
  int code = testing::RunCli("check --input call --format json", ReadData("calls/whatsapp_security_call.txt"), &out, &err);
  ASSERT_EQ(code, 0) << err;
  EXPECT_EQ(nlohmann::json::parse(out)["channel"], "call");
  code = testing::RunCli("check --input chat", "Just a normal sentence without any date.\n", &out, &err);
  EXPECT_EQ(code, 3);
  EXPECT_THAT(err, HasSubstr("not a WhatsApp chat export"));
}

TEST(ConversationCli, ChatFromStandardInputIsDetectedAndLimitsAreReported) {
  std::string out, err;
  int code = testing::RunCli("check --format json --max-messages 3", ReadData("chats/family_de_android.txt"), &out, &err);
  ASSERT_EQ(code, 0) << err;
  auto json = nlohmann::json::parse(out);
  EXPECT_EQ(json["format"], "whatsapp_android");
  EXPECT_EQ(json["messages"].size(), 3u);
  EXPECT_THAT(json["truncated"].get<std::string>(), HasSubstr("first 3 messages"));
  EXPECT_EQ(json["verdict"], "no_red_flags");
}

TEST(ConversationCli, BadFilesAreExitCodeThree) {
  std::string path = ::testing::TempDir() + "/broken.zip";
  std::ofstream(path, std::ios::binary) << std::string("PK\x03\x04garbage that is not a zip", 30);
  std::string out, err;
  EXPECT_EQ(testing::RunCli("check --file " + path, "", &out, &err), 3);
  EXPECT_THAT(err, HasSubstr("corrupt zip"));
  std::string eml = ::testing::TempDir() + "/mail.eml";
  std::ofstream(eml) << "From: a@b.com\nSubject: hi\nContent-Type: multipart/mixed\n\nbody\n";
  EXPECT_EQ(testing::RunCli("check --file " + eml, "", &out, &err), 3);
  EXPECT_THAT(err, HasSubstr("broken MIME"));
}

}  // namespace
}  // namespace redflag

// WhatsApp chat exports: Android and iOS layouts in the en, fr, it, es, pt, de
// and ur locales, multi-line messages, app lines, zips, limits and bad input.
#include "intake/chat_export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>

#include "conversation/conversation_json.h"

namespace redflag {
namespace {

using ::testing::HasSubstr;

struct LocaleCase {
  const char* name;
  const char* text;
  const char* format;
  const char* first_sender;
  const char* first_text;
  const char* first_time;  // FormatLocalTime of message 0
  size_t messages;
};

// Each is a short chat as that phone writes it; U+202F and U+200E where iOS puts them.
const LocaleCase kLocales[] = {
    {"en_android_24h",
     "31/12/2023, 21:41 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
     "WhatsApp, can read or listen to them. Tap to learn more.\n"
     "31/12/2023, 21:42 - Tom Baker: Happy new year mate!\n"
     "01/01/2024, 00:05 - Priya: You too 🎉\n",
     "whatsapp_android", "", "Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
     "WhatsApp, can read or listen to them. Tap to learn more.", "2023-12-31T21:41:00", 3},
    {"en_us_android_12h",
     "12/31/23, 9:41 PM - Bob: Are you coming tonight?\n1/2/24, 10:05 AM - Alice: Sorry, missed this\n",
     "whatsapp_android", "Bob", "Are you coming tonight?", "2023-12-31T21:41:00", 2},
    {"en_ios_12h_narrow_space",
     "[12/31/23, 9:41:05\xE2\x80\xAFPM] Bob: Are you coming tonight?\n"
     "[1/2/24, 10:05:00\xE2\x80\xAF" "AM] Alice: \xE2\x80\x8Eimage omitted\n",
     "whatsapp_ios", "Bob", "Are you coming tonight?", "2023-12-31T21:41:05", 2},
    {"fr_android",
     "24/06/2024 à 08:15 - Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même "
     "WhatsApp, ne peut les lire ou les écouter.\n"
     "24/06/2024 à 08:16 - Camille: Coucou, tu passes à la boulangerie ?\n"
     "24/06/2024 à 08:20 - Julien: <Médias omis>\n",
     "whatsapp_android", "", "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même "
     "WhatsApp, ne peut les lire ou les écouter.", "2024-06-24T08:15:00", 3},
    {"fr_ios",
     "[24/06/2024 08:16:02] Camille: Coucou, tu passes à la boulangerie ?\n"
     "[24/06/2024 08:17:40] Julien: \xE2\x80\x8E" "Ce message a été supprimé.\n",
     "whatsapp_ios", "Camille", "Coucou, tu passes à la boulangerie ?", "2024-06-24T08:16:02", 2},
    {"it_android",
     "15/04/24, 19:03 - Giulia Rossi: Ciao! Ci vediamo domani alle 8?\n"
     "15/04/24, 19:10 - Marco: Sì, porto io il vino\n"
     "16/04/24, 07:55 - Marco ha aggiunto Luca\n",
     "whatsapp_android", "Giulia Rossi", "Ciao! Ci vediamo domani alle 8?", "2024-04-15T19:03:00", 3},
    {"es_android_12h",
     "3/5/24, 9:41 p. m. - Lucía: ¿Llegaste bien a casa?\n"
     "3/5/24, 9:45 p. m. - Javier: Sí, gracias. Mañana te llamo\n"
     "13/5/24, 8:00 a. m. - Javier: Se eliminó este mensaje\n",
     "whatsapp_android", "Lucía", "¿Llegaste bien a casa?", "2024-05-03T21:41:00", 3},
    {"pt_android",
     "18/09/2023 14:22 - João Pedro: Oi mãe, tudo bem?\n"
     "18/09/2023 14:25 - Mãe: Tudo ótimo filho, e você?\n"
     "18/09/2023 14:26 - João Pedro: <Mídia oculta>\n",
     "whatsapp_android", "João Pedro", "Oi mãe, tudo bem?", "2023-09-18T14:22:00", 3},
    {"de_android",
     "07.11.23, 18:30 - Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats "
     "kann sie lesen oder anhören.\n"
     "07.11.23, 18:31 - Oma Helga: Hallo Schatz, kommst du am Sonntag zum Kaffee?\n"
     "07.11.23, 18:40 - Lena: Ja, gerne! Ich bringe Kuchen mit\n",
     "whatsapp_android", "", "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses "
     "Chats kann sie lesen oder anhören.", "2023-11-07T18:30:00", 3},
    {"de_ios",
     "[07.11.23, 18:31:12] Oma Helga: Hallo Schatz, kommst du am Sonntag zum Kaffee?\n"
     "[07.11.23, 18:40:55] Lena: Ja, gerne!\nIch bringe Kuchen mit\n",
     "whatsapp_ios", "Oma Helga", "Hallo Schatz, kommst du am Sonntag zum Kaffee?", "2023-11-07T18:31:12", 2},
    {"ur_android_12h",
     "14/08/2024، 9:15 PM - امی: بیٹا کھانا کھا لیا؟\n"
     "14/08/2024، 9:20 PM - Bilal: جی امی، ابھی کھایا ہے\n",
     "whatsapp_android", "امی", "بیٹا کھانا کھا لیا؟", "2024-08-14T21:15:00", 2},
    {"ur_android_urdu_markers",
     "14/08/2024, 9:15 م - امی: بیٹا کھانا کھا لیا؟\n"
     "15/08/2024, 7:02 ص - Bilal: جی امی، صبح بخیر\n",
     "whatsapp_android", "امی", "بیٹا کھانا کھا لیا؟", "2024-08-14T21:15:00", 2},
    {"year_first",
     "2024-02-29, 23:59 - Kim: Leap day!\n", "whatsapp_android", "Kim", "Leap day!", "2024-02-29T23:59:00", 1},
};

void PrintTo(const LocaleCase& c, std::ostream* os) { *os << c.name; }

class ChatLocales : public ::testing::TestWithParam<LocaleCase> {};

TEST_P(ChatLocales, ReadsSendersTextsAndTimes) {
  const LocaleCase& c = GetParam();
  auto conv = ParseChatExport(c.text);
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  EXPECT_EQ(conv->format, c.format);
  EXPECT_EQ(conv->channel, Channel::kWhatsApp);
  ASSERT_EQ(conv->messages.size(), c.messages);
  EXPECT_EQ(conv->messages[0].sender, c.first_sender);
  EXPECT_EQ(conv->messages[0].text, c.first_text);
  ASSERT_TRUE(conv->messages[0].time.has_value());
  EXPECT_EQ(FormatLocalTime(*conv->messages[0].time), c.first_time);
  EXPECT_TRUE(conv->truncated.empty());
}

INSTANTIATE_TEST_SUITE_P(Locales, ChatLocales, ::testing::ValuesIn(kLocales),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ChatExport, RecognisesAppLines) {
  auto conv = ParseChatExport(
      "01/02/2024, 10:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
      "01/02/2024, 10:01 - Dad: <Media omitted>\n"
      "01/02/2024, 10:02 - Dad: This message was deleted\n"
      "01/02/2024, 10:03 - Your security code with Dad changed. Tap to learn more.\n"
      "01/02/2024, 10:04 - Dad changed their phone number to a new number. Tap to message or add the new number.\n"
      "01/02/2024, 10:05 - Dad created group \"Family\"\n"
      "01/02/2024, 10:06 - Dad added Mum\n"
      "01/02/2024, 10:07 - Dad: IMG-20240201-WA0003.jpg (file attached)\n"
      "[01/02/2024, 10:08:00] Mum: \xE2\x80\x8EYour security code with Dad changed.\n"
      "01/02/2024, 10:09 - Dad: Dinner at 7\n");
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  std::vector<SystemKind> kinds;
  for (const auto& m : conv->messages) kinds.push_back(m.system);
  EXPECT_THAT(kinds, ::testing::ElementsAre(SystemKind::kEncryption, SystemKind::kMediaOmitted, SystemKind::kDeleted,
                                            SystemKind::kSecurityCode, SystemKind::kNumberChange,
                                            SystemKind::kGroupChange, SystemKind::kGroupChange,
                                            SystemKind::kMediaOmitted, SystemKind::kSecurityCode, SystemKind::kNone));
}

TEST(ChatExport, JoinsMultiLineMessagesAndKeepsLineNumbers) {
  auto conv = ParseChatExport(
      "\xEF\xBB\xBF" "05/06/2024, 08:00 - Nadia: Shopping list:\r\n- milk\r\n\r\n- bread\r\n"
      "05/06/2024, 08:05 - Omar: ok\r\n");
  ASSERT_TRUE(conv.ok()) << conv.status().ToString();
  ASSERT_EQ(conv->messages.size(), 2u);
  EXPECT_EQ(conv->messages[0].text, "Shopping list:\n- milk\n\n- bread");
  EXPECT_EQ(conv->messages[1].line, 5u);
}

TEST(ChatExport, DayMonthOrderIsDecidedByTheWholeExport) {
  // The first date alone is ambiguous; the second shows the month comes first.
  auto conv = ParseChatExport("3/4/24, 9:00 AM - A: hi\n3/14/24, 9:00 AM - B: hello\n");
  ASSERT_TRUE(conv.ok());
  EXPECT_EQ(FormatLocalTime(*conv->messages[0].time), "2024-03-04T09:00:00");
  auto dmy = ParseChatExport("3/4/24, 09:00 - A: hi\n14/4/24, 09:00 - B: hello\n");
  ASSERT_TRUE(dmy.ok());
  EXPECT_EQ(FormatLocalTime(*dmy->messages[0].time), "2024-04-03T09:00:00");
}

TEST(ChatExport, StreamsInSmallPiecesToTheSameResult) {
  std::string text = kLocales[0].text;
  ChatExportParser parser("chat", {});
  for (size_t i = 0; i < text.size(); i += 7) ASSERT_TRUE(parser.Feed(std::string_view(text).substr(i, 7)).ok());
  auto conv = parser.Finish();
  ASSERT_TRUE(conv.ok());
  EXPECT_EQ(conv->messages.size(), 3u);
  EXPECT_EQ(conv->messages[1].text, "Happy new year mate!");
}

TEST(ChatExport, NotAChatIsAClearError) {
  auto conv = ParseChatExport("Dear customer, your parcel is waiting.\nPay the fee here.\n", {}, "note.txt");
  ASSERT_FALSE(conv.ok());
  EXPECT_EQ(conv.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(conv.status().message(), HasSubstr("note.txt:1: not a WhatsApp chat export"));
  auto empty = ParseChatExport("\n\n", {}, "empty.txt");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("empty"));
}

TEST(ChatExport, InvalidUtf8AndUtf16AreNamed) {
  auto bad = ParseChatExport("01/02/2024, 10:00 - A: hi\n01/02/2024, 10:01 - B: \xC3\x28\n", {}, "c.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("c.txt:2: not valid UTF-8"));
  auto utf16 = ParseChatExport(std::string("\xFF\xFE" "0\0" "1\0", 6), {}, "u.txt");
  ASSERT_FALSE(utf16.ok());
  EXPECT_THAT(utf16.status().message(), HasSubstr("UTF-16"));
}

TEST(ChatExport, LimitsTruncateAndSaySo) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "01/02/2024, 10:" + std::to_string(10 + i) + " - A: message " + std::to_string(i) + "\n";
  ConversationLimits limits;
  limits.max_messages = 10;
  auto conv = ParseChatExport(text, limits);
  ASSERT_TRUE(conv.ok());
  EXPECT_EQ(conv->messages.size(), 10u);
  EXPECT_THAT(conv->truncated, HasSubstr("first 10 messages"));
  EXPECT_THAT(conv->truncated, HasSubstr("line 11"));

  ConversationLimits bytes;
  bytes.max_total_bytes = 100;
  auto cut = ParseChatExport(text, bytes);
  ASSERT_TRUE(cut.ok());
  EXPECT_LE(cut->messages.size(), 3u);
  EXPECT_THAT(cut->truncated, HasSubstr("first 100 bytes"));

  ConversationLimits small;
  small.max_message_bytes = 64;
  auto long_message = ParseChatExport("01/02/2024, 10:00 - A: " + std::string(500, 'x') + "\n01/02/2024, 10:01 - B: ok\n", small);
  ASSERT_TRUE(long_message.ok());
  ASSERT_EQ(long_message->messages.size(), 1u);
  EXPECT_EQ(long_message->messages[0].sender, "B");
  ASSERT_EQ(long_message->notes.size(), 1u);
  EXPECT_THAT(long_message->notes[0], HasSubstr(":1: a line over 64 bytes was left out"));
}

// Builds a zip in memory with libzip.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* archive = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const auto& [name, data] : files) {
    zip_source_t* src = zip_source_buffer(archive, data.data(), data.size(), 0);
    zip_file_add(archive, name.c_str(), src, ZIP_FL_ENC_UTF_8);
  }
  zip_close(archive);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(static_cast<size_t>(size), '\0');
  zip_source_read(out, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

TEST(ChatExportZip, ReadsTheChatInsideIosAndAndroidZips) {
  std::string chat = "[24/06/2024 08:16:02] Camille: Coucou\n[24/06/2024 08:17:40] Julien: Salut\n";
  auto ios = ParseChatExportZip(MakeZip({{"00000012-PHOTO-2024-06-24.jpg", "\xFF\xD8\xFFjpeg"}, {"_chat.txt", chat}}), {});
  ASSERT_TRUE(ios.ok()) << ios.status().ToString();
  EXPECT_EQ(ios->messages.size(), 2u);
  auto android = ParseChatExportZip(
      MakeZip({{"WhatsApp Chat with Camille.txt", "24/06/2024, 08:16 - Camille: Coucou\n"}}), {});
  ASSERT_TRUE(android.ok()) << android.status().ToString();
  EXPECT_EQ(android->messages[0].text, "Coucou");
}

TEST(ChatExportZip, ReadsAZipFileFromDiskWithinTheByteLimit) {
  std::string chat;
  for (int i = 0; i < 2000; ++i) chat += "24/06/2024, 08:16 - \xE2\x80\xAA+44 7700 900123\xE2\x80\xAC: message " + std::to_string(i) + "\n";
  std::string path = ::testing::TempDir() + "/export.zip";
  std::ofstream(path, std::ios::binary) << MakeZip({{"WhatsApp Chat with +44 7700 900123.txt", chat}});
  auto all = ParseChatExportZipFile(path, {});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->messages.size(), 2000u);
  EXPECT_EQ(all->messages[0].sender, "+44 7700 900123");  // direction marks removed
  ConversationLimits limits;
  limits.max_total_bytes = 4096;  // a zip that inflates past the limit is cut, not read whole
  auto cut = ParseChatExportZipFile(path, limits);
  ASSERT_TRUE(cut.ok());
  EXPECT_LT(cut->messages.size(), 100u);
  EXPECT_THAT(cut->truncated, HasSubstr("first 4096 bytes"));
  auto missing = ParseChatExportZipFile(::testing::TempDir() + "/nope.zip", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(ChatExportZip, BadZipsAreClearErrors) {
  auto corrupt = ParseChatExportZip("PK\x03\x04 this is not really a zip", {}, "broken.zip");
  ASSERT_FALSE(corrupt.ok());
  EXPECT_THAT(corrupt.status().message(), HasSubstr("broken.zip: corrupt zip"));
  auto no_chat = ParseChatExportZip(MakeZip({{"photo.jpg", "\xFF\xD8\xFF"}}), {}, "media.zip");
  ASSERT_FALSE(no_chat.ok());
  EXPECT_THAT(no_chat.status().message(), HasSubstr("no chat"));
  std::string zip = MakeZip({{"_chat.txt", std::string(4000, 'a')}});
  zip[zip.size() / 2] ^= 0x55;  // damage the compressed data or the directory
  zip[40] ^= 0x55;
  auto damaged = ParseChatExportZip(zip, {}, "damaged.zip");
  EXPECT_FALSE(damaged.ok());
}

TEST(ChatExport, LooksLikeChatExportLine) {
  EXPECT_TRUE(LooksLikeChatExportLine("31/12/2023, 21:41 - Bob: hi"));
  EXPECT_TRUE(LooksLikeChatExportLine("[31/12/2023, 21:41:05] Bob: hi"));
  EXPECT_FALSE(LooksLikeChatExportLine("Your parcel is waiting 31/12"));
  EXPECT_FALSE(LooksLikeChatExportLine("Caller: hello"));
}

}  // namespace
}  // namespace redflag

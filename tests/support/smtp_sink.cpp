#include "smtp_sink.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef ROSTER_SMTP_SINK
#error "ROSTER_SMTP_SINK must name tests/support/smtp_sink.py"
#endif

namespace roster::test_support {
namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

SmtpSink::SmtpSink(SinkOptions options) {
  std::string tmpl = (fs::temp_directory_path() / "roster-sink-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    const std::string dir = dir_.string();
    const char* auth = options.offer_auth_without_tls ? "--auth" : nullptr;
    execl("/usr/bin/python3", "python3", ROSTER_SMTP_SINK, "--port", "0", "--dir", dir.c_str(),
          auth, static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  FILE* out = fdopen(fds[0], "r");
  char line[128] = {};
  const bool got = out != nullptr && std::fgets(line, sizeof line, out) != nullptr;
  if (out != nullptr) std::fclose(out);
  if (!got || std::sscanf(line, "ready %d", &port_) != 1 || port_ <= 0) {
    throw std::runtime_error("smtp_sink.py did not become ready");
  }
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void SmtpSink::SetFailing(bool failing) {
  const fs::path flag = dir_ / "FAIL";
  if (failing) {
    std::ofstream(flag) << "1";
  } else {
    fs::remove(flag);
  }
}

std::vector<std::string> SmtpSink::Messages() const {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    if (entry.path().extension() == ".eml" && entry.path().filename().string()[0] != '.') {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> messages;
  for (const auto& file : files) messages.push_back(ReadFile(file));
  return messages;
}

std::vector<std::string> SmtpSink::WaitForMessages(std::size_t count,
                                                   std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto messages = Messages();
  while (messages.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    messages = Messages();
  }
  return messages;
}

std::string SmtpSink::Envelope(std::size_t index) const {
  char name[32];
  std::snprintf(name, sizeof name, "%04zu.json", index + 1);
  const auto envelope = boost::json::parse(ReadFile(dir_ / name)).as_object();
  std::string rcpt;
  for (const auto& to : envelope.at("rcpt_tos").as_array()) {
    rcpt += (rcpt.empty() ? "" : ",") + std::string(to.as_string());
  }
  return "MAIL FROM:" + std::string(envelope.at("mail_from").as_string()) + "\nRCPT TO:" + rcpt +
         "\n";
}

std::vector<std::string> SmtpSink::Credentials() const {
  std::vector<std::string> lines;
  std::istringstream in(ReadFile(dir_ / "auth.log"));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace roster::test_support

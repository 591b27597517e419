using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd, on a free loopback port, delivering into a maildir
/// that tests read. One server for the whole run; each test looks for mail to its own unique addresses.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private static readonly Lazy<SmtpTestServer> Shared = new(() => new SmtpTestServer());
    private readonly Process process;
    private readonly ConcurrentDictionary<string, MimeMessage> delivered = new();
    private FileSystemWatcher? watcher;
    private TaskCompletionSource mailArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static SmtpTestServer Instance => Shared.Value;

    public int Port { get; }
    public string MailDirectory { get; }

    /// <summary>Where the maildir puts each delivered message, complete, under a new name.</summary>
    private string NewMail => Path.Combine(MailDirectory, "new");

    private SmtpTestServer()
    {
        // aiosmtpd's Mailbox handler creates the maildir (with its tmp, new and cur folders) only if it does not exist yet.
        MailDirectory = Path.Combine(Directory.CreateTempSubdirectory("concord-mail-").FullName, "maildir");
        Port = FreePort();
        // Debian's interpreter, where python3-aiosmtpd installs (another python3 may come first on PATH).
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        process = Process.Start(new ProcessStartInfo(python,
            ["-c", StopWithTheTestProcess, "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", MailDirectory])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("python3 -m aiosmtpd did not start (install python3-aiosmtpd).");
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var probe = new TcpClient("127.0.0.1", Port);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
                // Listening means the maildir (with new/) exists: watch it for delivered messages.
                Directory.CreateDirectory(NewMail);
                watcher = new FileSystemWatcher(NewMail) { NotifyFilter = NotifyFilters.FileName };
                watcher.Created += OnMailArrived;
                watcher.Renamed += OnMailArrived;
                watcher.EnableRaisingEvents = true;
                return;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("aiosmtpd stopped: " + process.StandardError.ReadToEnd());
                }

                Thread.Sleep(100);
            }
        }

        throw new InvalidOperationException("aiosmtpd did not start listening in time.");
    }

    /// <summary>
    /// Runs <c>python3 -m aiosmtpd</c> with a watchdog that ends it when the test process is gone: the test host
    /// is sometimes ended without running ProcessExit handlers, which used to leave the server running.
    /// </summary>
    private const string StopWithTheTestProcess = """
        import os, runpy, sys, threading, time
        parent = os.getppid()
        def watch():
            while os.getppid() == parent:
                time.sleep(1)
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
        sys.argv = ["aiosmtpd"] + sys.argv[1:]
        runpy.run_module("aiosmtpd", run_name="__main__", alter_sys=True)
        """;

    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:SmtpHost"] = "127.0.0.1",
        ["Email:SmtpPort"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:SmtpSecurity"] = "None",
        ["Email:PollSeconds"] = "0.2",
    };

    /// <summary>
    /// Waits for a message to this address (and optionally with this subject text), as delivered over SMTP.
    /// aiosmtpd's maildir writes each message to tmp/ and then renames it into new/: a file watcher on the maildir
    /// wakes the waiters when that happens. The watcher may drop events when many arrive at once, so each waiter
    /// also looks again every second: a deadline, not a fixed sleep, bounds the wait.
    /// </summary>
    public async Task<MimeMessage> WaitForMessageAsync(string to, string? subjectContains = null, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        while (true)
        {
            // Take the signal before looking, so that a message arriving during the look is not missed.
            var arrived = mailArrived.Task;
            if (await FindAsync(to, subjectContains) is { } message)
            {
                return message;
            }

            var left = limit - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No e-mail to {to}{(subjectContains is null ? "" : $" about '{subjectContains}'")} arrived.");
            }

            await Task.WhenAny(arrived, Task.Delay(left < LookAgain ? left : LookAgain));
        }
    }

    private static readonly TimeSpan LookAgain = TimeSpan.FromSeconds(1);

    private async Task<MimeMessage?> FindAsync(string to, string? subjectContains)
    {
        foreach (var file in Directory.EnumerateFiles(NewMail))
        {
            if (!delivered.TryGetValue(file, out var message))
            {
                try
                {
                    message = await MimeMessage.LoadAsync(file);
                }
                catch (IOException)
                {
                    continue;
                }

                // Files in new/ are complete and never change, so each is read once.
                delivered[file] = message;
            }

            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)) &&
                (subjectContains is null || (message.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase)))
            {
                return message;
            }
        }

        return null;
    }

    private void OnMailArrived(object sender, FileSystemEventArgs e) =>
        Interlocked.Exchange(ref mailArrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Dispose()
    {
        watcher?.Dispose();
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

namespace DevPlatform.Core.CodeGeneration;

/// <summary>The code-generation worker: whether this process runs it, and its timings ("CodeGeneration" section).</summary>
public sealed class CodeGenerationOptions
{
    public const string Section = "CodeGeneration";

    /// <summary>Run the worker in this process. Off for a web instance that leaves jobs to worker-only processes.</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Jobs one process runs at a time.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>How long one receive waits for a message (a long poll; SQS allows 20 s at most).</summary>
    public TimeSpan PollWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a received job stays hidden from other workers, and a worker's claim holds, without a heartbeat. A
    /// worker that dies mid-run leaves its job to be picked up again after this.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a running job renews its message's visibility and its claim (well under the visibility timeout).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After a failed attempt, the message comes back after this times the attempt number.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Progress is written to the run and pushed to pages at most this often.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}

using Google.Protobuf;
using Tessera.Distributed.Protocol;
using Tessera.Distributed.Shipping;

namespace Tessera.Distributed.Tests.Hardening;

/// <summary>Random, mutated and valid-looking but inconsistent control-plane messages, from a seeded generator.</summary>
internal sealed class HostileMessages(int seed)
{
    private readonly Random _random = new(seed);
    private int _names;

    /// <summary>One call's worth: the messages to send on a fresh stream, and which stream.</summary>
    public (bool Worker, List<byte[]> Messages) Next()
    {
        bool worker = _random.Next(2) == 0;
        return _random.Next(4) switch
        {
            0 => (worker, [RandomBytes(_random.Next(0, 96))]),
            1 => (worker, [Mutate(worker ? WorkerHelloBatch(ValidWorkerHello()).ToByteArray() : ClientHelloBatch().ToByteArray())]),
            2 => (worker, [worker ? WorkerHelloBatch(ValidWorkerHello()).ToByteArray() : ClientHelloBatch().ToByteArray(), Mutate(worker ? InconsistentWorkerBatch().ToByteArray() : InconsistentClientBatch().ToByteArray())]),
            _ => worker
                ? (true, [WorkerHelloBatch(_random.Next(3) == 0 ? AbsurdWorkerHello() : ValidWorkerHello()).ToByteArray(), InconsistentWorkerBatch().ToByteArray()])
                : (false, [ClientHelloBatch().ToByteArray(), InconsistentClientBatch().ToByteArray()]),
        };
    }

    /// <summary>A hash for FetchAssembly: valid-looking, a path, or garbage.</summary>
    public string NextAssemblyHash() => _random.Next(4) switch
    {
        0 => "../../../../etc/passwd",
        1 => new string('a', 64),
        2 => Convert.ToHexStringLower(RandomBytes(32)).ToUpperInvariant(),
        _ => System.Text.Encoding.Latin1.GetString(RandomBytes(_random.Next(0, 80))),
    };

    public byte[] RandomBytes(int n)
    {
        var b = new byte[n];
        _random.NextBytes(b);
        return b;
    }

    private byte[] Mutate(byte[] bytes)
    {
        var b = new List<byte>(bytes);
        int mutations = _random.Next(1, 5);
        for (int i = 0; i < mutations && b.Count > 0; i++)
        {
            int at = _random.Next(b.Count);
            switch (_random.Next(5))
            {
                case 0:
                    b[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    b.RemoveRange(at, b.Count - at); // truncated
                    break;
                case 2:
                    b.InsertRange(at, RandomBytes(_random.Next(1, 16)));
                    break;
                case 3:
                    b.InsertRange(at, [0xFF, 0xFF, 0xFF, 0xFF, 0x07]); // a length of 2 GiB
                    break;
                default:
                    b[at] = (byte)_random.Next(256);
                    break;
            }
        }

        return [.. b];
    }

    private static WorkerBatch WorkerHelloBatch(WorkerHello hello)
    {
        var batch = new WorkerBatch();
        batch.Messages.Add(new WorkerMessage { Hello = hello });
        return batch;
    }

    private ClientBatch ClientHelloBatch()
    {
        var batch = new ClientBatch();
        batch.Messages.Add(new ClientMessage { Hello = new ClientHello { ProtocolVersion = ProtocolInfo.Version, ClientName = "fuzz-" + _random.Next(100) } });
        return batch;
    }

    private WorkerHello ValidWorkerHello() => new()
    {
        ProtocolVersion = ProtocolInfo.Version,
        Name = "fuzz-worker-" + Interlocked.Increment(ref _names),
        DataAddress = "tcp://127.0.0.1:9",
        Host = "127.0.0.1",
        Nthreads = _random.Next(1, 8),
        MemoryLimit = 1L << 30,
    };

    private WorkerHello AbsurdWorkerHello()
    {
        WorkerHello h = ValidWorkerHello();
        switch (_random.Next(6))
        {
            case 0:
                h.Nthreads = int.MaxValue;
                break;
            case 1:
                h.Nthreads = _random.Next(2) == 0 ? -1 : 0;
                break;
            case 2:
                h.MemoryLimit = -1;
                break;
            case 3:
                h.Name = "evil\nname";
                break;
            case 4:
                h.DataAddress = "file:///etc/passwd";
                break;
            default:
                h.Name = new string('x', 100_000);
                break;
        }

        return h;
    }

    private string Key() => _random.Next(6) switch
    {
        0 => "",
        1 => "a\u001fnot-a-number",
        2 => "\n\u0000",
        _ => "unknown-" + _random.Next(1000) + "\u001f" + _random.Next(10),
    };

    private WorkerBatch InconsistentWorkerBatch()
    {
        var batch = new WorkerBatch();
        int n = _random.Next(1, 4);
        for (int i = 0; i < n; i++)
        {
            WorkerMessage m = _random.Next(11) switch
            {
                0 => new WorkerMessage { TaskFinished = new TaskFinished { Key = Key(), Nbytes = _random.Next(2) == 0 ? -5 : long.MaxValue, StartSeconds = double.NaN } },
                1 => new WorkerMessage { TaskErred = new TaskErred { Key = Key(), Error = new ErrorInfo { Message = "forged" } } },
                2 => new WorkerMessage { MissingData = new MissingData { Key = Key(), ForKey = Key(), FromAddress = "tcp://127.0.0.1:1" } },
                3 => new WorkerMessage { Heartbeat = new Heartbeat { Memory = -1, Executing = int.MaxValue, Ready = -3 } },
                4 => new WorkerMessage { StealResponse = new StealResponse { Key = Key(), Stolen = true } },
                5 => new WorkerMessage { KeysReleased = new KeysReleased { Keys = { Key(), Key() } } },
                6 => new WorkerMessage { KeysAdded = new KeysAdded { Keys = { new KeyLocation { Key = Key(), Nbytes = -1, DataAddresses = { "nowhere" } } } } },
                7 => new WorkerMessage { Hello = ValidWorkerHello() },
                8 => new WorkerMessage(),
                9 => new WorkerMessage { Heartbeat = new Heartbeat { Memory = 1 << 20, Executing = 1 } },
                _ => new WorkerMessage { TaskFinished = new TaskFinished { Key = "unknown-" + _random.Next(100), Nbytes = 8, TypeName = "Int32" } },
            };
            batch.Messages.Add(m);
        }

        return batch;
    }

    private ClientBatch InconsistentClientBatch()
    {
        var batch = new ClientBatch();
        int n = _random.Next(1, 3);
        for (int i = 0; i < n; i++)
        {
            ClientMessage m;
            switch (_random.Next(9))
            {
                case 0:
                    m = new ClientMessage { UpdateGraph = new UpdateGraph { Tasks = { new WireTask { Key = "t-" + _random.Next(1000), FunctionIndex = 5 } } } };
                    break;
                case 1:
                {
                    // A runnable task whose function is garbage with a correct hash: the worker must fail the task, not die.
                    byte[] f = RandomBytes(_random.Next(1, 200));
                    string key = "garbage-" + _random.Next(1_000_000);
                    var g = new UpdateGraph { Functions = { new WireFunction { Id = CodeShipper.Hash(f), Bytes = ByteString.CopyFrom(f) } }, Wanted = { key } };
                    g.Tasks.Add(new WireTask { Key = key, FunctionIndex = 0, Args = ByteString.CopyFrom(RandomBytes(_random.Next(0, 64))) });
                    m = new ClientMessage { UpdateGraph = g };
                    break;
                }

                case 2:
                {
                    byte[] f = RandomBytes(16);
                    var g = new UpdateGraph { Functions = { new WireFunction { Id = CodeShipper.Hash(RandomBytes(4)), Bytes = ByteString.CopyFrom(f) } } };
                    g.Tasks.Add(new WireTask { Key = "mismatch", FunctionIndex = 0, Dependencies = { "nowhere-1" } });
                    m = new ClientMessage { UpdateGraph = g };
                    break;
                }

                case 3:
                {
                    byte[] f = RandomBytes(16);
                    var g = new UpdateGraph { Functions = { new WireFunction { Id = CodeShipper.Hash(f), Bytes = ByteString.CopyFrom(f) } }, Wanted = { "never-sent" } };
                    g.Tasks.Add(new WireTask { Key = "dep-missing-" + _random.Next(1000), FunctionIndex = 0, Dependencies = { "nowhere-1" } });
                    m = new ClientMessage { UpdateGraph = g };
                    break;
                }

                case 4:
                    m = new ClientMessage { ReleaseKeys = new ReleaseKeys { Keys = { Key(), Key() } } };
                    break;
                case 5:
                    m = new ClientMessage { CancelKeys = new CancelKeys { Keys = { Key() } } };
                    break;
                case 6:
                {
                    byte[] bytes = RandomBytes(32);
                    m = new ClientMessage { UploadAssemblies = new UploadAssemblies { Assemblies = { new AssemblyEntry { Name = "Evil", Hash = _random.Next(2) == 0 ? "../../evil" : CodeShipper.Hash(RandomBytes(8)), Bytes = ByteString.CopyFrom(bytes) } } } };
                    break;
                }

                case 7:
                    m = new ClientMessage { RetireWorkers = new RetireWorkers { N = -1, RequestId = "r" } };
                    break;
                default:
                    m = new ClientMessage();
                    break;
            }

            batch.Messages.Add(m);
        }

        return batch;
    }
}

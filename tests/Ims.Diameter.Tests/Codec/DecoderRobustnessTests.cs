using Ims.Diameter.Answers;
using Ims.Diameter.Codec;
using Ims.Diameter.Tests.Vectors;
using Ims.Diameter.Validation;

namespace Ims.Diameter.Tests.Codec;

/// <summary>Bad input never throws: every prefix and many corruptions of each vector give a value.</summary>
[TestClass]
public sealed class DecoderRobustnessTests
{
    public static IEnumerable<object[]> Vectors => DiameterVector.All();

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void EveryPrefixIsRejectedWithInvalidMessageLength(string name)
    {
        var bytes = DiameterVector.Load(name).Bytes;
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var result = DiameterDecoder.Decode(bytes.AsSpan(0, cut));
            Assert.IsFalse(result.IsSuccess, $"prefix {cut}");
            Assert.AreEqual(DiameterErrorReason.InvalidMessageLength, result.Error.Reason, $"prefix {cut}");
        }
    }

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void RandomCorruptionNeverThrowsAndAlwaysYieldsMessageOrError(string name)
    {
        var original = DiameterVector.Load(name).Bytes;
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) ^ 6733);
        var rejected = 0;
        for (var round = 0; round < 2000; round++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.Next(4);
            for (var f = 0; f < flips; f++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var result = DiameterDecoder.Decode(bytes);
            if (result.IsSuccess)
            {
                // A decoded message must validate, re-encode and answer without throwing too.
                var validation = DiameterRequestValidator.Validate(result.Message);
                if (validation is not null)
                {
                    DiameterErrorAnswer.Create(validation, "hss.test", "test");
                }

                Assert.AreEqual(bytes.Length, DiameterEncoder.Encode(result.Message).Length);
            }
            else
            {
                rejected++;
                Assert.IsFalse(string.IsNullOrEmpty(result.Error.Detail));
                var answer = DiameterErrorAnswer.Create(result.Error, "hss.test", "test");
                if (answer is not null)
                {
                    Assert.IsTrue(DiameterDecoder.Decode(DiameterEncoder.Encode(answer)).IsSuccess, "error answers must decode");
                }
            }
        }

        Assert.IsGreaterThan(0, rejected);
    }

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void TruncatedMessagesWithPatchedLengthNeverThrow(string name)
    {
        var original = DiameterVector.Load(name).Bytes;
        for (var cut = 20; cut < original.Length; cut += 4)
        {
            var bytes = original.AsSpan(0, cut).ToArray();
            bytes[1] = (byte)(cut >> 16);
            bytes[2] = (byte)(cut >> 8);
            bytes[3] = (byte)cut;
            var result = DiameterDecoder.Decode(bytes);
            if (!result.IsSuccess)
            {
                Assert.AreEqual(DiameterErrorReason.InvalidAvpLength, result.Error.Reason, $"cut {cut}: {result.Error}");
                Assert.IsNotNull(result.Error.FailedAvp);
            }
        }
    }
}

using SecVault.Keystores;

namespace SecVault.Tests.Keystores;

/// <summary>
/// Hand-built streams in the grammar of the Java Object Serialization Specification (chapter 6, protocol version 2):
/// each constant below is the spec's; the JDK-made sealed keys are read in <see cref="SecretKeyVectorTests"/>.
/// </summary>
public sealed class JavaSerializationSkipperTests
{
    // Tags and flags of java.io.ObjectStreamConstants.
    private const byte TcNull = 0x70;
    private const byte TcReference = 0x71;
    private const byte TcClassDesc = 0x72;
    private const byte TcObject = 0x73;
    private const byte TcString = 0x74;
    private const byte TcArray = 0x75;
    private const byte TcClass = 0x76;
    private const byte TcBlockData = 0x77;
    private const byte TcEndBlockData = 0x78;
    private const byte TcReset = 0x79;
    private const byte TcBlockDataLong = 0x7A;
    private const byte TcLongString = 0x7C;
    private const byte TcProxyClassDesc = 0x7D;
    private const byte TcEnum = 0x7E;
    private const byte ScWriteMethod = 0x01;
    private const byte ScSerializable = 0x02;
    private const byte ScExternalizable = 0x04;
    private const byte ScBlockData = 0x08;
    private const int BaseWireHandle = 0x7E0000;

    /// <summary>Writes stream bytes as java.io.DataOutputStream does (big-endian; readUTF's length-prefixed form, ASCII here).</summary>
    private sealed class Bytes : DataOutput<Bytes>
    {
        public static Bytes Header() => new Bytes().U16(0xACED).U16(5);

        /// <summary>TC_CLASSDESC name, serialVersionUID, flags, then the fields (type char, name, and for '[' or 'L' the class name as a TC_STRING).</summary>
        public Bytes ClassDesc(string name, byte flags, params (char Type, string Name, string? ClassName)[] fields)
        {
            Raw(TcClassDesc).Utf(name).Int64(42).Raw(flags).U16(fields.Length);
            foreach (var (type, fieldName, className) in fields)
            {
                Raw((byte)type).Utf(fieldName);
                if (className is not null)
                {
                    Raw(TcString).Utf(className);
                }
            }

            return this;
        }

        /// <summary>An empty class annotation and no superclass.</summary>
        public Bytes EndClass() => Raw(TcEndBlockData, TcNull);

    }

    private static Dictionary<string, object?> Fields(Bytes stream)
    {
        var data = stream.ToArray();
        var reader = new JavaDataReader(data, data.Length);
        var fields = JavaSerializationSkipper.ReadTopLevelFields(reader);
        Assert.Equal(data.Length, reader.Position);
        return fields;
    }

    private static string Refused(Bytes stream)
    {
        var data = stream.ToArray();
        return Assert.Throws<InvalidDataException>(() => JavaSerializationSkipper.ReadTopLevelFields(new JavaDataReader(data, data.Length))).Message;
    }

    private static int Skip(Bytes stream)
    {
        var data = stream.ToArray();
        var reader = new JavaDataReader(data, data.Length);
        JavaSerializationSkipper.SkipObjectStream(reader);
        return reader.Position;
    }

    /// <summary>An object of class T with one field of each primitive type, then a byte array, a string and a null.</summary>
    private static Bytes EveryFieldType() => Bytes.Header().Raw(TcObject)
        .ClassDesc("T", ScSerializable,
            ('B', "b", null), ('C', "c", null), ('D', "d", null), ('F', "f", null), ('I', "i", null), ('J', "j", null),
            ('S', "s", null), ('Z', "z", null), ('[', "data", "[B"), ('L', "name", "Ljava/lang/String;"), ('L', "other", "Ljava/lang/Object;"))
        .EndClass()
        .Raw(1).U16(2).Int64(3).Int32(4).Int32(5).Int64(6).U16(7).Raw(1)
        .Raw(TcArray).ClassDesc("[B", ScSerializable).EndClass().Int32(3).Raw(9, 8, 7)
        .Raw(TcString).Utf("AES")
        .Raw(TcNull);

    [Fact]
    public void Read_top_level_fields_steps_over_each_primitive_and_keeps_the_byte_array_and_the_string()
    {
        var fields = Fields(EveryFieldType());

        Assert.Equal(["data", "name", "other"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new byte[] { 9, 8, 7 }, fields["data"]);
        Assert.Equal("AES", fields["name"]);
        Assert.Null(fields["other"]);
    }

    [Fact]
    public void Skip_object_stream_steps_over_the_same_object_to_its_last_byte()
    {
        var stream = EveryFieldType();

        Assert.Equal(stream.ToArray().Length, Skip(stream));
    }

    [Theory]
    [InlineData(0xACED, 4)]
    [InlineData(0xACEE, 5)]
    public void A_stream_without_the_java_magic_and_version_5_is_refused(int magic, int version)
    {
        var stream = new Bytes().U16(magic).U16(version).Raw(TcNull);
        var data = stream.ToArray();

        Assert.Equal("not a Java serialization stream", Refused(stream));
        Assert.Equal("not a Java serialization stream", Assert.Throws<InvalidDataException>(() => JavaSerializationSkipper.SkipObjectStream(new JavaDataReader(data, data.Length))).Message);
    }

    [Fact]
    public void Fields_of_a_superclass_come_first_and_a_write_method_annotation_is_stepped_over()
    {
        // class Sub extends Base; Base writes extra data with writeObject: block data, long block data and an object.
        var stream = Bytes.Header().Raw(TcObject)
            .ClassDesc("Sub", ScSerializable, ('[', "key", "[B")).Raw(TcEndBlockData)
            .ClassDesc("Base", ScSerializable | ScWriteMethod, ('L', "algorithm", "Ljava/lang/String;"), ('I', "n", null)).EndClass()
            .Raw(TcString).Utf("DESede").Int32(1)
            .Raw(TcBlockData, 2, 0xAA, 0xBB).Raw(TcBlockDataLong).Int32(3).Raw(1, 2, 3).Raw(TcString).Utf("extra").Raw(TcEndBlockData)
            .Raw(TcArray).ClassDesc("[B", ScSerializable).EndClass().Int32(1).Raw(0x55);

        var fields = Fields(stream);

        Assert.Equal("DESede", fields["algorithm"]);
        Assert.Equal(new byte[] { 0x55 }, fields["key"]);
    }

    [Fact]
    public void An_externalizable_class_in_block_data_form_is_stepped_over_by_its_annotation()
    {
        var stream = Bytes.Header().Raw(TcObject)
            .ClassDesc("E", ScExternalizable | ScBlockData).EndClass()
            .Raw(TcBlockData, 4, 1, 2, 3, 4).Raw(TcEndBlockData);

        Assert.Empty(Fields(stream));
    }

    [Fact]
    public void An_externalizable_class_in_the_old_format_is_refused()
    {
        var stream = Bytes.Header().Raw(TcObject).ClassDesc("E", ScExternalizable).EndClass().Raw(1, 2, 3, 4);

        Assert.Equal("old externalizable format", Refused(stream));
    }

    [Fact]
    public void Fields_holding_other_kinds_of_values_are_stepped_over_and_kept_as_null()
    {
        // An int array, a long string, a Class, an enum constant, a reference back to the int array's class, and an
        // object of a dynamic proxy class; then a byte array after them all, to show each was stepped over exactly.
        var stream = Bytes.Header().Raw(TcObject)
            .ClassDesc("F", ScSerializable,
                ('[', "ints", "[I"), ('L', "long", "Ljava/lang/String;"), ('L', "type", "Ljava/lang/Class;"),
                ('L', "mode", "LMode;"), ('L', "again", "Ljava/lang/Object;"), ('L', "proxy", "Ljava/lang/Object;"),
                ('[', "key", "[B"))
            .EndClass()
            .Raw(TcArray).ClassDesc("[I", ScSerializable).EndClass().Int32(2).Int32(7).Int32(8)
            .Raw(TcLongString).Int64(3).Raw((byte)'a', (byte)'b', (byte)'c')
            .Raw(TcClass).ClassDesc("C", ScSerializable).EndClass()
            .Raw(TcEnum).ClassDesc("Mode", ScSerializable).EndClass().Raw(TcString).Utf("ON")
            // Handles: 0 F, 1-7 the field class names, 8 the object, 9 the class [I, 10 the int array.
            .Raw(TcReference).Int32(BaseWireHandle + 9)
            .Raw(TcObject, TcProxyClassDesc).Int32(2).Utf("I1").Utf("I2").EndClass()
            .Raw(TcArray).ClassDesc("[B", ScSerializable).EndClass().Int32(2).Raw(0xCA, 0xFE);

        var fields = Fields(stream);

        Assert.Equal(new byte[] { 0xCA, 0xFE }, fields["key"]);
        Assert.All(["ints", "long", "type", "mode", "again", "proxy"], name => Assert.Null(fields[name]));
    }

    [Fact]
    public void Arrays_of_any_element_type_are_stepped_over()
    {
        // Top level: an Object[] holding a short[], a char[], a double[], a float[], a boolean[] and a long[].
        var stream = Bytes.Header().Raw(TcArray).ClassDesc("[Ljava.lang.Object;", ScSerializable).EndClass().Int32(6)
            .Raw(TcArray).ClassDesc("[S", ScSerializable).EndClass().Int32(2).U16(1).U16(2)
            .Raw(TcArray).ClassDesc("[C", ScSerializable).EndClass().Int32(1).U16('x')
            .Raw(TcArray).ClassDesc("[D", ScSerializable).EndClass().Int32(1).Int64(1)
            .Raw(TcArray).ClassDesc("[F", ScSerializable).EndClass().Int32(1).Int32(1)
            .Raw(TcArray).ClassDesc("[Z", ScSerializable).EndClass().Int32(3).Raw(1, 0, 1)
            .Raw(TcArray).ClassDesc("[J", ScSerializable).EndClass().Int32(1).Int64(1);

        Assert.Equal(stream.ToArray().Length, Skip(stream));
    }

    [Fact]
    public void Block_data_at_the_top_level_is_stepped_over()
    {
        Assert.Equal(7, Skip(Bytes.Header().Raw(TcBlockData, 1, 0xEE)));
        Assert.Equal(11, Skip(Bytes.Header().Raw(TcBlockDataLong).Int32(2).Raw(0xEE, 0xEF)));
    }

    [Fact]
    public void A_reset_forgets_the_handles_before_it()
    {
        var stream = Bytes.Header().Raw(TcObject)
            .ClassDesc("R", ScSerializable | ScWriteMethod, ('[', "key", "[B")).EndClass()
            .Raw(TcArray).ClassDesc("[B", ScSerializable).EndClass().Int32(0)
            .Raw(TcReset).Raw(TcReference).Int32(BaseWireHandle).Raw(TcEndBlockData);

        Assert.Equal("bad handle", Refused(stream));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void A_reference_to_a_handle_not_yet_assigned_is_refused(int handle)
    {
        // Handles 0, 1 and 2 are the class, the field's class name and the object; 3 is the next, not yet assigned.
        var stream = Bytes.Header().Raw(TcObject).ClassDesc("H", ScSerializable, ('L', "x", "LX;")).EndClass()
            .Raw(TcReference).Int32(BaseWireHandle + handle);

        Assert.Equal("bad handle", Refused(stream));
    }

    [Fact]
    public void A_reference_to_the_last_assigned_handle_is_followed()
    {
        // Handle 1 is the field's class name "LX;", a string: followed, it describes no class.
        var stream = Bytes.Header().Raw(TcObject).ClassDesc("H", ScSerializable, ('L', "x", "LX;")).EndClass()
            .Raw(TcReference).Int32(BaseWireHandle + 1);

        Assert.Null(Fields(stream)["x"]);
    }

    [Fact]
    public void A_reference_to_a_class_describes_an_object_of_that_class()
    {
        // Two objects of class P: the second names its class by handle 0, and its byte-array field is stepped over
        // (only the top-level object's fields are kept).
        var stream = Bytes.Header().Raw(TcObject)
            .ClassDesc("P", ScSerializable, ('L', "next", "Ljava/lang/Object;")).EndClass()
            .Raw(TcObject, TcReference).Int32(BaseWireHandle).Raw(TcNull);

        Assert.Null(Fields(stream)["next"]);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x6F)]
    [InlineData(0x7B)]
    [InlineData(0x7F)]
    public void A_tag_the_grammar_does_not_have_is_refused(byte tag)
    {
        Assert.Equal("unexpected serialization tag", Refused(Bytes.Header().Raw(tag)));
    }

    [Fact]
    public void An_object_or_array_without_a_class_is_refused()
    {
        Assert.Equal("object without class", Refused(Bytes.Header().Raw(TcObject, TcNull)));
        Assert.Equal("array without class", Refused(Bytes.Header().Raw(TcArray, TcNull)));
        Assert.Equal("array without class", Refused(Bytes.Header().Raw(TcObject).ClassDesc("A", ScSerializable, ('[', "a", "[B")).EndClass().Raw(TcArray, TcNull)));
    }

    [Fact]
    public void An_array_class_name_without_an_element_type_is_refused()
    {
        Assert.Equal("bad array class", Refused(Bytes.Header().Raw(TcArray).ClassDesc("[", ScSerializable).EndClass().Int32(0)));
        Assert.Equal("bad array class", Refused(Bytes.Header().Raw(TcObject).ClassDesc("A", ScSerializable, ('[', "a", "[")).EndClass()
            .Raw(TcArray).ClassDesc("[", ScSerializable).EndClass().Int32(0)));
    }

    [Fact]
    public void A_byte_array_field_of_negative_length_is_refused()
    {
        var stream = Bytes.Header().Raw(TcObject).ClassDesc("A", ScSerializable, ('[', "a", "[B")).EndClass()
            .Raw(TcArray).ClassDesc("[B", ScSerializable).EndClass().Int32(-1);

        Assert.Equal("negative array length", Refused(stream));
    }

    [Fact]
    public void An_empty_byte_array_field_is_kept_empty()
    {
        var stream = Bytes.Header().Raw(TcObject).ClassDesc("A", ScSerializable, ('[', "a", "[B")).EndClass()
            .Raw(TcArray).ClassDesc("[B", ScSerializable).EndClass().Int32(0);

        Assert.Equal(Array.Empty<byte>(), Fields(stream)["a"]);
    }

    [Fact]
    public void A_field_type_the_grammar_does_not_have_is_refused()
    {
        var stream = Bytes.Header().Raw(TcObject).ClassDesc("A", ScSerializable, ('X', "a", null)).EndClass().Raw(0);

        Assert.Equal("bad field type", Refused(stream));
    }

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, false)]
    public void Nesting_is_followed_to_64_levels_and_refused_deeper(int levels, bool read)
    {
        // Object arrays each holding the next; the innermost holds nothing. The n-th array is at level n - 1, its class
        // descriptor one level below it and that descriptor's (null) superclass one more: 63 arrays reach level 64.
        var stream = Bytes.Header();
        for (var i = 0; i < levels; i++)
        {
            stream.Raw(TcArray).ClassDesc("[Ljava.lang.Object;", ScSerializable).EndClass().Int32(1);
        }

        AssertNesting(stream.Raw(TcNull), read);
    }

    /// <summary>A value that takes handles (how many is the test's), for the field of <see cref="ReferenceAfter"/>.</summary>
    private static Bytes Construct(Bytes stream, string construct) => construct switch
    {
        "string" => stream.Raw(TcString).Utf("s"),
        "long string" => stream.Raw(TcLongString).Int64(1).Raw((byte)'s'),
        "class" => stream.Raw(TcClass).ClassDesc("C", ScSerializable).EndClass(),
        "enum constant" => stream.Raw(TcEnum).ClassDesc("E", ScSerializable).EndClass().Raw(TcString).Utf("ON"),
        "proxy object" => stream.Raw(TcObject, TcProxyClassDesc).Int32(1).Utf("I").EndClass(),
        "byte array" => stream.Raw(TcArray).ClassDesc("[B", ScSerializable).EndClass().Int32(0),
        "array in an array" => stream.Raw(TcArray).ClassDesc("[Ljava.lang.Object;", ScSerializable).EndClass().Int32(1)
            .Raw(TcArray).ClassDesc("[I", ScSerializable).EndClass().Int32(0),
        _ => throw new ArgumentOutOfRangeException(nameof(construct)),
    };

    /// <summary>
    /// An object whose field "value" holds the construct, then two byte arrays: "first" with a new class [B, "second"
    /// naming that class by reference to the handle after the object's five (0 class W, 1-3 the field class names, 4
    /// the object) and the construct's.
    /// </summary>
    private static Bytes ReferenceAfter(string construct, int handles) => Construct(
            Bytes.Header().Raw(TcObject)
                .ClassDesc("W", ScSerializable, ('L', "value", "Ljava/lang/Object;"), ('[', "first", "[B"), ('[', "second", "[B")).EndClass(),
            construct)
        .Raw(TcArray).ClassDesc("[B", ScSerializable).EndClass().Int32(1).Raw(0x11)
        .Raw(TcArray, TcReference).Int32(BaseWireHandle + 5 + handles).Int32(1).Raw(0x22);

    [Theory]
    [InlineData("string", 1)] // the string
    [InlineData("long string", 1)]
    [InlineData("class", 2)] // its class descriptor, then the class
    [InlineData("enum constant", 3)] // its class descriptor, the constant, then the constant's name
    [InlineData("proxy object", 2)] // the proxy class descriptor, then the object
    [InlineData("byte array", 2)] // its class descriptor, then the array
    [InlineData("array in an array", 4)] // each array's class descriptor, then the array
    public void A_reference_after_a_value_counts_each_handle_the_value_took(string construct, int handles)
    {
        var fields = Fields(ReferenceAfter(construct, handles));

        Assert.Equal(new byte[] { 0x11 }, fields["first"]);
        Assert.Equal(new byte[] { 0x22 }, fields["second"]);
    }

    [Fact]
    public void An_externalizable_class_s_declared_fields_are_not_read_its_annotation_is_its_data()
    {
        // As ObjectInputStream reads an externalizable object: its writeExternal data, never its class's fields.
        var stream = Bytes.Header().Raw(TcObject)
            .ClassDesc("E", ScExternalizable | ScBlockData | ScWriteMethod, ('[', "key", "[B"), ('I', "n", null)).EndClass()
            .Raw(TcBlockData, 2, 0xAA, 0xBB).Raw(TcEndBlockData);

        Assert.Empty(Fields(stream));
    }

    /// <summary>Read to its last byte, or refused as nested too deeply; by ReadTopLevelFields or by SkipObjectStream.</summary>
    private static void AssertNesting(Bytes stream, bool read, bool topLevelFields = false)
    {
        var data = stream.ToArray();
        if (read && topLevelFields)
        {
            Fields(stream);
        }
        else if (read)
        {
            Assert.Equal(data.Length, Skip(stream));
        }
        else if (topLevelFields)
        {
            Assert.Equal("serialized object nested too deeply", Refused(stream));
        }
        else
        {
            Assert.Equal("serialized object nested too deeply", Assert.Throws<InvalidDataException>(() => JavaSerializationSkipper.SkipObjectStream(new JavaDataReader(data, data.Length))).Message);
        }
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Enum_constants_named_by_enum_constants_are_followed_to_the_limit(int constants, bool read)
    {
        // The grammar takes any object as a constant's name. Constant k is at level k - 1 and its class (by reference to
        // handle 0 after the first) one below it: the 64th names its class at level 64.
        var stream = Bytes.Header().Raw(TcEnum).ClassDesc("E", ScSerializable).EndClass();
        for (var i = 1; i < constants; i++)
        {
            stream.Raw(TcEnum, TcReference).Int32(BaseWireHandle);
        }

        AssertNesting(stream.Raw(TcString).Utf("ON"), read);
    }

    [Theory]
    [InlineData("field class name", 64, true)]
    [InlineData("field class name", 65, false)]
    [InlineData("annotation", 64, true)]
    [InlineData("annotation", 65, false)]
    public void Class_descriptors_holding_class_descriptors_are_followed_to_the_limit(string place, int descriptors, bool read)
    {
        // Descriptor k, at level k - 1, holds descriptor k + 1 as the class name of its one field or in its annotation;
        // with 64, the last one's field class name "LX;" or its (null) superclass is at level 64.
        var stream = Bytes.Header();
        for (var i = 0; i < descriptors; i++)
        {
            stream = place == "annotation"
                ? stream.ClassDesc("A", ScSerializable)
                : stream.Raw(TcClassDesc).Utf("D").Int64(42).Raw(ScSerializable).U16(1).Raw((byte)'L').Utf("f");
        }

        if (place != "annotation")
        {
            stream.Raw(TcString).Utf("LX;");
        }

        for (var i = 0; i < descriptors; i++)
        {
            stream.EndClass();
        }

        AssertNesting(stream, read);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Objects_in_a_top_level_field_are_followed_to_the_limit(int objects, bool read)
    {
        // Objects of class W (by reference to handle 0 after the first), each holding the next in its field x: object k
        // is at level k - 1, so the 64th names its class and holds null at level 64.
        var stream = Bytes.Header().Raw(TcObject).ClassDesc("W", ScSerializable, ('L', "x", "Ljava/lang/Object;")).EndClass();
        for (var i = 1; i < objects; i++)
        {
            stream.Raw(TcObject, TcReference).Int32(BaseWireHandle);
        }

        AssertNesting(stream.Raw(TcNull), read, topLevelFields: true);
    }

    [Theory]
    [InlineData(62, true)]
    [InlineData(63, false)]
    public void The_superclasses_of_a_top_level_field_s_array_class_are_followed_to_the_limit(int classes, bool read)
    {
        // The byte array in field x is at level 1, its class [B at level 2 and superclass k of that class at level k + 2:
        // the null after 62 classes is at level 64.
        var stream = Bytes.Header().Raw(TcObject).ClassDesc("W", ScSerializable, ('[', "x", "[B")).EndClass().Raw(TcArray);
        for (var i = 0; i < classes; i++)
        {
            stream.ClassDesc(i == 0 ? "[B" : "S", ScSerializable).Raw(TcEndBlockData);
        }

        stream.Raw(TcNull).Int32(1).Raw(0x5A);

        AssertNesting(stream, read, topLevelFields: true);
        if (read)
        {
            Assert.Equal(new byte[] { 0x5A }, Fields(stream)["x"]);
        }
    }

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, false)]
    public void Arrays_in_a_top_level_field_s_array_are_followed_to_the_limit(int arrays, bool read)
    {
        // Object arrays each holding the next, the first in field x at level 1: array k is at level k, so the 63rd names
        // its class (by reference to handle 3, the first array's class) and holds null at level 64.
        var stream = Bytes.Header().Raw(TcObject).ClassDesc("W", ScSerializable, ('[', "x", "[Ljava/lang/Object;")).EndClass()
            .Raw(TcArray).ClassDesc("[Ljava.lang.Object;", ScSerializable).EndClass().Int32(1);
        for (var i = 1; i < arrays; i++)
        {
            stream.Raw(TcArray, TcReference).Int32(BaseWireHandle + 3).Int32(1);
        }

        AssertNesting(stream.Raw(TcNull), read, topLevelFields: true);
    }

    [Fact]
    public void A_stream_nested_far_deeper_than_the_limit_is_refused_rather_than_overflowing_the_stack()
    {
        // 200,000 object arrays, each naming its class by reference to the first one's class (handle 0): 11 bytes a
        // level, 2.2 MB in all, well under a keystore's size limit.
        var stream = Bytes.Header().Raw(TcArray).ClassDesc("[Ljava.lang.Object;", ScSerializable).EndClass().Int32(1);
        for (var i = 1; i < 200_000; i++)
        {
            stream.Raw(TcArray, TcReference).Int32(BaseWireHandle).Int32(1);
        }

        stream.Raw(TcNull);

        Assert.Equal("serialized object nested too deeply", Refused(stream));
    }

    [Fact]
    public void A_stream_that_ends_inside_an_object_is_an_end_of_stream()
    {
        var data = EveryFieldType().ToArray();

        Assert.Throws<EndOfStreamException>(() => JavaSerializationSkipper.ReadTopLevelFields(new JavaDataReader(data, data.Length - 1)));
    }
}

# Variants compiled from one source with different -D defines: NAME SOURCE DEFINES...
# matvec_<type> and get_rows_<type>: the matrix-vector product and the embedding lookup with
# in-shader dequantization of each tensor type (quant.glsl holds the layouts).
foreach(type IN ITEMS F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 IQ4_NL Q2_K Q3_K Q4_K Q5_K Q6_K IQ4_XS)
  string(TOLOWER "${type}" lower)
  kurabe_compile_shader("matvec_${lower}" "${CMAKE_CURRENT_SOURCE_DIR}/matvec.comp" "TYPE_${type}")
  kurabe_compile_shader("get_rows_${lower}" "${CMAKE_CURRENT_SOURCE_DIR}/get_rows.comp" "TYPE_${type}")
endforeach()
# matvec1_<type>: the same product for one token (decode steps), one accumulator per lane.
foreach(type IN ITEMS F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 IQ4_NL Q2_K Q3_K Q4_K Q5_K Q6_K IQ4_XS)
  string(TOLOWER "${type}" lower)
  kurabe_compile_shader("matvec1_${lower}" "${CMAKE_CURRENT_SOURCE_DIR}/matvec.comp" "TYPE_${type}" "TILE_TOKENS=1")
endforeach()
# matvec_sg_<type> / matvec_sg1_<type>: the same products for CPU implementations with 8-lane
# subgroups (one lane per row, X shared within the subgroup; see matvec_sg.comp).
foreach(type IN ITEMS F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 IQ4_NL Q2_K Q3_K Q4_K Q5_K Q6_K IQ4_XS)
  string(TOLOWER "${type}" lower)
  kurabe_compile_shader("matvec_sg_${lower}" "${CMAKE_CURRENT_SOURCE_DIR}/matvec_sg.comp" "TYPE_${type}")
  kurabe_compile_shader("matvec_sg1_${lower}" "${CMAKE_CURRENT_SOURCE_DIR}/matvec_sg.comp" "TYPE_${type}" "TILE_TOKENS=1")
endforeach()

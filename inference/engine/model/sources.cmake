list(APPEND KURABE_ENGINE_SOURCES
     model/architecture.h model/architecture.cpp
     model/hparams.h model/hparams.cpp
     model/rope.h model/rope.cpp
     model/weights.h model/weights.cpp
     model/model.h model/model.cpp)
list(APPEND KURABE_ENGINE_SOURCES model/synthetic_model.h model/synthetic_model.cpp)
